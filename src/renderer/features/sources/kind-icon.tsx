import { Group, Text } from '@mantine/core'
import {
  IconBrandMongodb,
  IconDatabase,
  IconPlugConnected,
  IconSchema,
  IconServer,
  IconTopologyStar3,
  type Icon,
} from '@tabler/icons-react'
import type { SourceKind } from '../../../shared/api'
import { KIND_LABELS } from './source-kinds'

export const KIND_ICONS: Record<SourceKind, Icon> = {
  sqlserver: IconServer,
  postgres: IconDatabase,
  kafka: IconTopologyStar3,
  'kafka-connect': IconPlugConnected,
  'schema-registry': IconSchema,
  mongodb: IconBrandMongodb,
}

export function KindLabel({ kind }: { kind: SourceKind }) {
  const KindIcon = KIND_ICONS[kind]
  return (
    <Group gap={6} wrap="nowrap">
      <KindIcon size={16} stroke={1.6} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm" span>
        {KIND_LABELS[kind]}
      </Text>
    </Group>
  )
}
