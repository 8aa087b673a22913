import { notifyManager } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { createQueryClient } from './query-client'

describe('the renderer query client', () => {
  it('delivers query notifications in a microtask, before any timer (issue 6)', async () => {
    createQueryClient()
    const order: string[] = []
    setTimeout(() => order.push('timer'), 0)
    notifyManager.schedule(() => order.push('notified'))
    await Promise.resolve()
    expect(order).toEqual(['notified'])
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(order).toEqual(['notified', 'timer'])
  })
})
