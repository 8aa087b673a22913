import { Kbd, Modal, Table } from '@mantine/core'

export const SHORTCUTS: Array<[keys: string[], action: string]> = [
  [['j', '↓'], 'Next field'],
  [['k', '↑'], 'Previous field'],
  [['c'], 'Confirm the category'],
  [['r'], 'Reject the category (not personal data)'],
  [['e'], 'Change the category'],
  [['u'], 'Undo: remove the decision'],
  [['?'], 'Show these shortcuts'],
]

/** The keyboard shortcuts of the review, listed. */
export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Review shortcuts" size="sm">
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <Table.Tr key={action}>
              <Table.Td w={90}>
                {keys.map((key) => (
                  <Kbd key={key} mr={4}>
                    {key}
                  </Kbd>
                ))}
              </Table.Td>
              <Table.Td>{action}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  )
}
