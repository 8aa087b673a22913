import { Button, Group } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload } from '@tabler/icons-react'
import { useState } from 'react'
import { useExportPersonalData } from '../../api/personal-data'
import { toDisplayError } from '../../api/remote-error'
import { EXPORT_MIME, exportFileName } from './map-logic'

type Format = 'json' | 'csv' | 'html'

/** Hands text to the browser as a file download (works the same in Electron and serve mode). */
function download(content: string, format: Format): void {
  const url = URL.createObjectURL(new Blob([content], { type: EXPORT_MIME[format] }))
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = exportFileName(format, new Date())
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  // Revoked on the next tick: the click has handed the blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** JSON, CSV and printable HTML reports of the map (masked examples only; audited). */
export function ExportButtons({ disabled }: { disabled: boolean }) {
  const exporter = useExportPersonalData()
  const [busy, setBusy] = useState<Format>()
  const run = (format: Format) => {
    setBusy(format)
    exporter.mutate(format, {
      onSuccess: (result) => {
        download(result.content, result.format)
        notifications.show({
          color: 'teal',
          title: `Exported ${result.entries} fields as ${result.format.toUpperCase()}`,
          message: 'The export is recorded in the audit log.',
          closeButtonProps: { 'aria-label': 'Dismiss notification' },
        })
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not export',
          message: toDisplayError(error).message,
        }),
      onSettled: () => setBusy(undefined),
    })
  }
  return (
    <Group gap={6} role="group" aria-label="Export">
      {(['json', 'csv', 'html'] as const).map((format) => (
        <Button
          key={format}
          size="sm"
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={busy === format}
          disabled={disabled || (busy !== undefined && busy !== format)}
          onClick={() => run(format)}
          aria-label={`Export ${format.toUpperCase()}`}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  )
}
