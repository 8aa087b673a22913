import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState } from 'react'
import type { CatalogField } from '../../../shared/model/catalog'
import { FieldCells, gridTemplate, headers, type Columns } from './field-cells'
import { RevealModal, type RevealedValues } from './reveal-modal'

/**
 * The fields of one asset, virtualised (assets can have 10,000 fields). Revealed values live in
 * this component's state only: leaving the asset forgets them.
 */
export function FieldsTable({
  fields,
  samplesInMemory,
  focusField,
}: {
  fields: CatalogField[]
  samplesInMemory: boolean
  focusField?: string
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const columns: Columns = {
    seen: fields.some((field) => field.presence),
    values: fields.some((field) => field.values),
  }
  const template = { gridTemplateColumns: gridTemplate(columns) }
  const [revealing, setRevealing] = useState<CatalogField>()
  const [revealed, setRevealed] = useState<ReadonlyMap<string, RevealedValues>>(() => new Map())

  // The virtualiser is read afresh on every render, so the compiler's memoising is not needed.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: fields.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 38,
    overscan: 10,
  })

  useEffect(() => {
    if (!focusField) return
    const index = fields.findIndex((field) => field.path === focusField)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' })
  }, [focusField, fields, virtualizer])

  const setValues = (urn: string, values: RevealedValues | undefined) =>
    setRevealed((previous) => {
      const next = new Map(previous)
      if (values) next.set(urn, values)
      else next.delete(urn)
      return next
    })

  return (
    <>
      <div ref={scrollRef} className="sl-cat-fields">
        <div role="table" aria-label="Fields" aria-rowcount={fields.length + 1}>
          <div
            role="row"
            aria-rowindex={1}
            className="sl-cat-field-grid sl-cat-field-head"
            style={template}
          >
            {headers(columns).map((header) => (
              <div role="columnheader" key={header} className="sl-cat-cell">
                {header}
              </div>
            ))}
          </div>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const field = fields[item.index]!
              return (
                <div
                  key={field.urn}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-index={item.index}
                  data-field={field.path}
                  data-focused={field.path === focusField || undefined}
                  ref={virtualizer.measureElement}
                  className="sl-cat-field-grid sl-cat-field-row"
                  style={{
                    ...template,
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <FieldCells
                    field={field}
                    columns={columns}
                    samplesInMemory={samplesInMemory}
                    revealed={revealed.get(field.urn)}
                    onReveal={() => setRevealing(field)}
                    onHide={() => setValues(field.urn, undefined)}
                  />
                </div>
              )
            })}
          </div>
        </div>
      </div>
      <RevealModal
        field={revealing}
        onClose={() => setRevealing(undefined)}
        onRevealed={(urn, values) => setValues(urn, values)}
      />
    </>
  )
}
