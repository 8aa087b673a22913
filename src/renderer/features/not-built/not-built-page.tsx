import { Alert } from '@mantine/core'
import { IconClockHour4 } from '@tabler/icons-react'
import { PageHeader } from '../../components/page-header'

/** A page of the navigation whose feature is not built yet, and says so plainly. */
export function NotBuiltPage({ title, purpose }: { title: string; purpose: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Alert
        variant="light"
        color="gray"
        icon={<IconClockHour4 size={18} />}
        title="Not built yet"
        maw={720}
      >
        {purpose}
      </Alert>
    </>
  )
}

export const NOT_BUILT_PURPOSES = {
  lineage:
    'Lineage will draw how each source column reaches a single-view field, field by field, through Kafka Connect, Kafka topics and their transformations.',
  lookup:
    'Lookup will find one customer live across every store and merge the hits into one record, each value labelled with where it came from.',
} as const
