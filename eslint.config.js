// ESLint flat config. Besides the usual TypeScript and React rules, it enforces the process
// boundaries of DESIGN.md §1, so a wrong import fails `npm run lint` instead of a build on
// another machine:
// - src/shared imports nothing outside itself: no node builtins, no electron, no react;
// - src/renderer imports only itself and src/shared (+ its npm UI libraries): no node builtins,
//   no electron, no server-side drivers;
// - only src/main/electron and src/preload import 'electron';
// - src/main/connectors never imports src/main/store (connectors read sources, never the store).
// Package imports are checked by `no-restricted-imports`; relative imports by the local rule
// `sightline/process-boundaries`, which resolves the path first (a regex on '../../main' cannot
// know how deep the importing file is). test/unit/lint-boundaries.test.ts proves each one fires.
import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Folders in the rules below are relative to the repository, wherever ESLint runs from. */
const repoRoot = path.dirname(fileURLToPath(import.meta.url))
const TS = '**/*.{ts,tsx,mts,cts}'
const SOURCE = '**/*.{ts,tsx,mts,cts,js,mjs,cjs}'

/** Drivers and servers that must stay in main (they need Node, sockets and secrets). */
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'mssql', 'tedious', 'pg', 'kafkajs', 'mongodb']

const rule = {
  nodeBuiltins: [
    ...builtinModules.map((name) => ({
      name,
      message: 'Node builtins belong to src/main (DESIGN.md §1).',
    })),
  ],
  nodePrefix: { regex: '^node:', message: 'Node builtins belong to src/main (DESIGN.md §1).' },
  electron: {
    regex: '^electron(/.*)?$',
    message: "Only src/main/electron and src/preload may import 'electron' (DESIGN.md §1).",
  },
  react: {
    regex: '^(react|react-dom)(/.*)?$',
    message: 'src/shared is pure TypeScript: no React (DESIGN.md §1).',
  },
  nodeOnly: {
    regex: `^(${NODE_ONLY_PACKAGES.join('|')})(/.*)?$`,
    message: 'Database and Kafka drivers run in src/main only (DESIGN.md §1).',
  },
}

/** `no-restricted-imports` options; each block states its full set (ESLint does not merge them). */
function restrictedImports({
  builtins = false,
  electron = false,
  react = false,
  nodeOnly = false,
}) {
  const paths = builtins ? rule.nodeBuiltins : []
  const patterns = [
    ...(builtins ? [rule.nodePrefix] : []),
    ...(electron ? [rule.electron] : []),
    ...(react ? [rule.react] : []),
    ...(nodeOnly ? [rule.nodeOnly] : []),
  ]
  return ['error', { paths, patterns }]
}

/**
 * Relative imports must land in `allowOnly` folders (if given) and never in `deny` folders.
 * Folders are repository-relative ('src/shared').
 */
const processBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep relative imports inside the folders a process may use.' },
    schema: [
      {
        type: 'object',
        properties: {
          allowOnly: { type: 'array', items: { type: 'string' } },
          deny: { type: 'array', items: { type: 'string' } },
          reason: { type: 'string' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      outside: "'{{source}}' resolves to {{target}}: {{reason}}",
    },
  },
  create(context) {
    const { allowOnly, deny = [], reason = 'see DESIGN.md §1.' } = context.options[0] ?? {}
    const inside = (target, folder) => target === folder || target.startsWith(`${folder}/`)
    const check = (node) => {
      const source = node?.value
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const absolute = path.resolve(path.dirname(context.filename), source)
      const target = path.relative(repoRoot, absolute).split(path.sep).join('/')
      const allowed =
        (!allowOnly || allowOnly.some((folder) => inside(target, folder))) &&
        !deny.some((folder) => inside(target, folder))
      if (!allowed) {
        context.report({ node, messageId: 'outside', data: { source, target, reason } })
      }
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    }
  },
}

const sightline = { rules: { 'process-boundaries': processBoundaries } }

export default defineConfig(
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    '.estate/',
    'test-results/',
    'playwright-report/',
    'coverage/',
    'bench/results/',
    'test/estate/.cache/',
    '**/.sightline/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: [SOURCE],
    languageOptions: { globals: { ...globals.node } },
    plugins: { sightline },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Everything outside the two Electron folders: no 'electron' (tests, bench, CLI, main).
      'no-restricted-imports': restrictedImports({ electron: true }),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    // Playwright fixtures must destructure their first argument, even when they need nothing.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },

  // ---- process boundaries (DESIGN.md §1) ----
  {
    files: [`src/shared/${TS}`],
    rules: {
      'no-restricted-imports': restrictedImports({ builtins: true, electron: true, react: true }),
      'sightline/process-boundaries': [
        'error',
        { allowOnly: ['src/shared'], reason: 'src/shared imports nothing outside itself.' },
      ],
    },
  },
  {
    files: [`src/renderer/${TS}`],
    rules: {
      'no-restricted-imports': restrictedImports({
        builtins: true,
        electron: true,
        nodeOnly: true,
      }),
      'sightline/process-boundaries': [
        'error',
        {
          allowOnly: ['src/renderer', 'src/shared'],
          reason:
            'the renderer imports only src/renderer and src/shared; call main through the API.',
        },
      ],
    },
  },
  {
    files: [`src/preload/${TS}`],
    rules: {
      // A sandboxed preload gets 'electron' and nothing of Node.
      'no-restricted-imports': restrictedImports({ builtins: true, nodeOnly: true }),
      'sightline/process-boundaries': [
        'error',
        { allowOnly: ['src/preload', 'src/shared'], reason: 'the preload is a narrow bridge.' },
      ],
    },
  },
  {
    files: [`src/main/${TS}`],
    rules: {
      'sightline/process-boundaries': [
        'error',
        {
          deny: ['src/renderer', 'src/preload'],
          reason: 'main talks to the renderer through the API transports only.',
        },
      ],
    },
  },
  {
    files: [`src/main/electron/${TS}`],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: [`src/main/connectors/${TS}`],
    rules: {
      'sightline/process-boundaries': [
        'error',
        {
          deny: ['src/main/store', 'src/renderer', 'src/preload'],
          reason: 'connectors read sources and never touch the store (DESIGN.md §3).',
        },
      ],
    },
  },
)
