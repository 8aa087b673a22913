import { Button, Menu } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconChevronDown, IconDownload } from '@tabler/icons-react'
import type { Core } from 'cytoscape'
import type { LineageDirection } from '../../../shared/model/lineage'
import { useExportLineage } from '../../api/lineage'
import { toDisplayError } from '../../api/remote-error'
import { exportPng, exportSvg } from './graph-engine/export-image'
import { EXPORT_MIME, exportFileName, type LineageExportFormat } from './lineage-logic'

/** Hands a file to the browser as a download (the same in Electron and serve mode). */
function download(content: Blob | string, format: LineageExportFormat, focus?: string): void {
  const blob =
    typeof content === 'string' ? new Blob([content], { type: EXPORT_MIME[format] }) : content
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = exportFileName(format, new Date(), focus)
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  // Revoked on the next tick: the click has handed the blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

function failed(error: unknown): void {
  notifications.show({
    color: 'red',
    title: 'Could not export the lineage',
    message: toDisplayError(error).message,
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
  })
}

/**
 * Images of the graph as drawn (PNG, SVG), and the lineage itself as JSON or OpenLineage JSON: of
 * the focus's neighbourhood when there is a focus, of the whole estate otherwise.
 */
export function ExportMenu({
  getCy,
  focus,
  direction,
  depth,
}: {
  getCy: () => Core | undefined
  focus?: string
  direction: LineageDirection
  depth: number
}) {
  const exporter = useExportLineage()
  const image = (format: 'png' | 'svg') => {
    const cy = getCy()
    if (!cy) return
    try {
      download(format === 'png' ? exportPng(cy) : exportSvg(cy), format, focus)
    } catch (error) {
      failed(error)
    }
  }
  const data = (format: 'json' | 'openlineage') =>
    exporter.mutate(
      { format, ...(focus ? { urn: focus, direction, depth } : {}) },
      {
        onSuccess: (result) => download(result.content, result.format, focus),
        onError: failed,
      },
    )
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={exporter.isPending}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Picture of the graph</Menu.Label>
        <Menu.Item onClick={() => image('png')}>PNG image</Menu.Item>
        <Menu.Item onClick={() => image('svg')}>SVG image</Menu.Item>
        <Menu.Label>Lineage data</Menu.Label>
        <Menu.Item onClick={() => data('json')}>Sightline JSON</Menu.Item>
        <Menu.Item onClick={() => data('openlineage')}>OpenLineage JSON</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
