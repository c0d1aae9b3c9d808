// Lesson text in the terminal, with the fixes for marked-terminal's known problems (STACK.md).
import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { fitColumns, renderMarkdown } from '../../src/ui/markdown.js'

const ANSI = /\u001b\[[0-9;]*m/

describe('renderMarkdown', () => {
  it('renders headings, paragraphs, lists and code as plain text when colour is off', async () => {
    const out = await renderMarkdown('# Pods\n\nA **pod** runs `containers`.\n\n## Phases\n\n- the **kubelet** starts `pause`\n- then the app\n\n```yaml\nkind: Pod\n```\n', { width: 60, color: false })
    expect(out).toBe(
      ['Pods', '====', '', 'A pod runs `containers`.', '', 'Phases', '------', '', '    * the kubelet starts `pause`', '    * then the app', '', '    kind: Pod', ''].join('\n'),
    )
  })

  it('styles bold and code inside list items (marked-terminal leaves them raw)', async () => {
    const out = await renderMarkdown('- a **bold** item with `code`\n', { width: 60, color: false })
    expect(out).not.toContain('**')
    expect(out).toBe('    * a bold item with `code`\n')
  })

  it('wraps English and Chinese paragraphs to the width in columns, not characters', async () => {
    const zh = 'Pod 是 Kubernetes 运行的最小单位：一个或多个容器共享同一个网络命名空间和 IP 地址，被一起调度到同一个节点上。Pod 里的容器总是一起启动、一起停止。'
    const en = 'A pod is the smallest thing Kubernetes runs: one or more containers that share a network namespace.'
    for (const text of [zh, en]) {
      const lines = (await renderMarkdown(`${text}\n`, { width: 30, color: false })).trimEnd().split('\n')
      expect(lines.length).toBeGreaterThan(2)
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(30)
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''))
    }
  })

  it('hangs a wrapped list item under its text', async () => {
    const out = await renderMarkdown('- one two three four five six seven eight nine ten\n', { width: 24, color: false })
    expect(out).toBe('    * one two three four\n      five six seven\n      eight nine ten\n')
  })

  it('draws tables without colour when colour is off', async () => {
    const out = await renderMarkdown('| STATUS | Meaning |\n|---|---|\n| Pending | not bound |\n', { width: 60, color: false })
    expect(out).not.toMatch(ANSI)
    expect(out).toBe(['┌─────────┬───────────┐', '│ STATUS  │ Meaning   │', '├─────────┼───────────┤', '│ Pending │ not bound │', '└─────────┴───────────┘', ''].join('\n'))
  })

  it('fits a table wider than the screen, wrapping its cells by word', async () => {
    const out = await renderMarkdown('| Phase | What it means for you and for me |\n|---|---|\n| `Pending` | accepted, but a container is not running yet at all |\n', { width: 40, color: false })
    expect(out).toBe(
      [
        '┌───────────┬──────────────────────────┐',
        '│ Phase     │ What it means for you    │',
        '│           │ and for me               │',
        '├───────────┼──────────────────────────┤',
        '│ `Pending` │ accepted, but a          │',
        '│           │ container is not running │',
        '│           │ yet at all               │',
        '└───────────┴──────────────────────────┘',
        '',
      ].join('\n'),
    )
  })

  it('narrows the widest column first, never below 6', () => {
    expect(fitColumns([11, 40], 37)).toEqual([11, 26])
    expect(fitColumns([20, 20], 30)).toEqual([15, 15])
    expect(fitColumns([8, 8], 4)).toEqual([6, 6])
  })

  it('keeps diagrams exactly as drawn', async () => {
    const diagram = '```text\n+------+     +------+\n| pod  | --> | node |\n+------+     +------+\n```\n'
    for (const color of [false, true]) {
      expect(await renderMarkdown(diagram, { width: 60, color })).toBe('    +------+     +------+\n    | pod  | --> | node |\n    +------+     +------+\n')
    }
  })
})
