import { Badge, Code, Group, Stack, Table, Text, Title } from '@mantine/core'
import type { CatalogAsset, JsonValue } from '../../../shared/model/catalog'

const PROPERTY_LABELS: Record<string, string> = {
  cdc: 'Change data capture',
  temporal: 'Temporal table',
  configs: 'Topic configuration',
  partitions: 'Partitions',
  consumerGroups: 'Consumer groups and lag',
  encoding: 'Encoding',
  schemaSource: 'Schema source',
  class: 'Connector class',
  type: 'Type',
  config: 'Configuration',
  status: 'Status',
  tasks: 'Tasks',
  topics: 'Topics',
  versions: 'Versions',
  schemaType: 'Schema type',
  topic: 'Topic',
  brokers: 'Brokers',
  validator: 'Validator',
  viewOn: 'View on',
  pipeline: 'Pipeline',
}

const STATUS_COLORS: Record<string, string> = {
  RUNNING: 'teal',
  FAILED: 'red',
  PAUSED: 'yellow',
  UNASSIGNED: 'gray',
}

function isRecord(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function Scalar({ value }: { value: JsonValue }) {
  if (value === null)
    return (
      <Text size="sm" c="dimmed" span>
        null
      </Text>
    )
  if (typeof value === 'string' && STATUS_COLORS[value]) {
    return <Badge color={STATUS_COLORS[value]}>{value}</Badge>
  }
  if (typeof value === 'object') {
    return (
      <Code block fz="xs">
        {JSON.stringify(value, null, 2)}
      </Code>
    )
  }
  return (
    <Text size="sm" ff="monospace" span style={{ wordBreak: 'break-all' }}>
      {String(value)}
    </Text>
  )
}

/** Rows of objects as a table whose columns are the union of their keys. */
function ObjectRows({ rows, label }: { rows: Array<{ [key: string]: JsonValue }>; label: string }) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].slice(0, 8)
  return (
    <Table.ScrollContainer minWidth={400} type="native">
      <Table aria-label={label} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={index}>
              {columns.map((column) => (
                <Table.Td key={column}>
                  {row[column] === undefined ? (
                    ''
                  ) : (
                    <PropertyValue value={row[column]} label={column} />
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** Any JSON property: scalars inline, records as key/value tables, lists of records as tables. */
function PropertyValue({ value, label }: { value: JsonValue; label: string }) {
  if (Array.isArray(value)) {
    if (value.length === 0)
      return (
        <Text size="sm" c="dimmed" span>
          none
        </Text>
      )
    if (value.every(isRecord)) return <ObjectRows rows={value} label={label} />
    return (
      <Group gap={4}>
        {value.map((item, index) => (
          <Badge key={index} color="gray" tt="none">
            {typeof item === 'object' ? JSON.stringify(item) : String(item)}
          </Badge>
        ))}
      </Group>
    )
  }
  if (isRecord(value)) {
    const entries = Object.entries(value)
    if (entries.length === 0)
      return (
        <Text size="sm" c="dimmed" span>
          none
        </Text>
      )
    return (
      <Table aria-label={label} withTableBorder>
        <Table.Tbody>
          {entries.map(([key, item]) => (
            <Table.Tr key={key}>
              <Table.Td w="40%">
                <Text size="sm" ff="monospace" span>
                  {key}
                </Text>
              </Table.Td>
              <Table.Td>
                <PropertyValue value={item} label={key} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    )
  }
  return <Scalar value={value} />
}

/** Kind-specific facts of an asset (topic configs, consumer lag, connector tasks, CDC...). */
export function AssetProperties({ asset }: { asset: CatalogAsset }) {
  const entries = Object.entries(asset.properties ?? {})
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No kind-specific properties for this {asset.kind}.
      </Text>
    )
  }
  const scalars = entries.filter(([, value]) => typeof value !== 'object' || value === null)
  const nested = entries.filter(([, value]) => typeof value === 'object' && value !== null)
  return (
    <Stack gap="md">
      {scalars.length ? (
        <Table aria-label="Properties" withTableBorder>
          <Table.Tbody>
            {scalars.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Td w="30%">{PROPERTY_LABELS[key] ?? key}</Table.Td>
                <Table.Td>
                  <Scalar value={value} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {nested.map(([key, value]) => (
        <Stack key={key} gap={4}>
          <Title order={4} size="h6">
            {PROPERTY_LABELS[key] ?? key}
          </Title>
          <PropertyValue value={value} label={PROPERTY_LABELS[key] ?? key} />
        </Stack>
      ))}
    </Stack>
  )
}

/** Primary, unique and foreign keys and indexes. */
export function AssetKeys({ asset }: { asset: CatalogAsset }) {
  const rows: Array<{ kind: string; name: string; columns: string; extra?: string }> = []
  if (asset.primaryKey) {
    rows.push({
      kind: 'Primary key',
      name: asset.primaryKey.name,
      columns: asset.primaryKey.columns.join(', '),
    })
  }
  for (const key of asset.uniqueKeys ?? []) {
    rows.push({ kind: 'Unique', name: key.name, columns: key.columns.join(', ') })
  }
  for (const key of asset.foreignKeys ?? []) {
    rows.push({
      kind: 'Foreign key',
      name: key.name,
      columns: key.columns.join(', '),
      extra: `→ ${key.references} (${key.referencedColumns.join(', ')})`,
    })
  }
  for (const index of asset.indexes ?? []) {
    rows.push({
      kind: index.primary ? 'Index (primary)' : index.unique ? 'Index (unique)' : 'Index',
      name: index.name,
      columns: index.columns.join(', '),
      extra: index.method,
    })
  }
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No keys or indexes recorded for this {asset.kind}.
      </Text>
    )
  }
  return (
    <Table aria-label="Keys and indexes" withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Columns</Table.Th>
          <Table.Th>Details</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={`${row.kind}-${row.name}-${index}`}>
            <Table.Td>{row.kind}</Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace" span>
                {row.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace" span>
                {row.columns}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace" span style={{ wordBreak: 'break-all' }}>
                {row.extra ?? ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
