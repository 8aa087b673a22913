import { Button, Group, List, Modal, Stack, Table, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconEraser } from '@tabler/icons-react'
import { useState } from 'react'
import type { ErasurePlan } from '../../../shared/model/lookup'
import { useErasurePlan, useExportSubjectAccess } from '../../api/lookup'
import { exportFileName, formatRecordKey, PLATFORM_LABELS } from './lookup-logic'
import { ReasonModal } from './reason-modal'

type Action = 'json' | 'html' | 'erasure'

const MIME = { json: 'application/json', html: 'text/html' } as const

/** Hands text to the browser as a file download (the same in Electron and serve mode). */
function download(content: string, format: 'json' | 'html', name: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: MIME[format] }))
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = name
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

const ACTION_LABELS: Record<Action, string> = {
  json: 'Subject access JSON',
  html: 'Subject access HTML',
  erasure: 'Erasure plan',
}

function ErasurePlanView({
  plan,
  onClose,
}: {
  plan: ErasurePlan | undefined
  onClose: () => void
}) {
  return (
    <Modal
      opened={plan !== undefined}
      onClose={onClose}
      title="Erasure plan (not executed)"
      size="xl"
    >
      {plan ? (
        <Stack gap="sm">
          <Text size="sm">
            What holds this person, and what would re-create it. Sightline never deletes anything:
            hand this plan to the owners of each store.
          </Text>
          {plan.warnings.length > 0 ? (
            <List size="sm" c="orange">
              {plan.warnings.map((warning) => (
                <List.Item key={warning}>{warning}</List.Item>
              ))}
            </List>
          ) : null}
          <Table striped fz="sm" aria-label="Erasure actions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Store</Table.Th>
                <Table.Th>Record</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Re-created by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.actions.map((action, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    {action.source} ({PLATFORM_LABELS[action.platform]})
                  </Table.Td>
                  <Table.Td ff="monospace">
                    {action.assetUrn} · {formatRecordKey(action.recordKey)}
                  </Table.Td>
                  <Table.Td>
                    {action.action}
                    {action.note ? ` (${action.note})` : ''}
                  </Table.Td>
                  <Table.Td>{action.recreatedBy.join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
    </Modal>
  )
}

/** Subject access report (JSON, printable HTML) and the erasure plan, each with a reason. */
export function ExportActions({ lookupId }: { lookupId: string }) {
  const exporter = useExportSubjectAccess()
  const erasure = useErasurePlan()
  const [asking, setAsking] = useState<Action>()
  const [plan, setPlan] = useState<ErasurePlan>()

  const close = () => {
    setAsking(undefined)
    exporter.reset()
    erasure.reset()
  }
  const confirm = (reason: string) => {
    if (asking === 'erasure') {
      erasure.mutate(
        { lookupId, reason },
        {
          onSuccess: (result) => {
            setPlan(result)
            close()
          },
        },
      )
    } else if (asking) {
      exporter.mutate(
        { lookupId, format: asking, reason },
        {
          onSuccess: (result) => {
            download(
              result.content,
              result.format,
              exportFileName(lookupId, 'subject-access', result.format),
            )
            notifications.show({
              color: 'teal',
              title: `Exported ${result.records} records as ${result.format.toUpperCase()}`,
              message: 'The export is recorded in the audit log.',
              closeButtonProps: { 'aria-label': 'Dismiss notification' },
            })
            close()
          },
        },
      )
    }
  }

  return (
    <>
      <Group gap={6} role="group" aria-label="Subject access and erasure">
        {(['json', 'html'] as const).map((format) => (
          <Button
            key={format}
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            onClick={() => setAsking(format)}
          >
            {ACTION_LABELS[format]}
          </Button>
        ))}
        <Button
          size="xs"
          variant="default"
          leftSection={<IconEraser size={14} />}
          onClick={() => setAsking('erasure')}
        >
          {ACTION_LABELS.erasure}
        </Button>
      </Group>
      <ReasonModal
        opened={asking !== undefined}
        title={asking ? ACTION_LABELS[asking] : ''}
        explanation={
          asking === 'erasure'
            ? 'Lists every row, document and keyed topic record holding this person, and what would re-create them. Nothing is deleted.'
            : 'Every personal datum found for this person, by category and source, with its purpose, lawful basis, retention and recipients. The export is audited.'
        }
        confirmLabel={asking === 'erasure' ? 'Show the plan' : 'Export'}
        pending={exporter.isPending || erasure.isPending}
        error={exporter.error ?? erasure.error}
        onConfirm={confirm}
        onClose={close}
      />
      <ErasurePlanView plan={plan} onClose={() => setPlan(undefined)} />
    </>
  )
}
