import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Where the built renderer is: SIGHTLINE_RENDERER_DIR, else out/renderer of the checkout this
 * code runs from (found by walking up to package.json, from out/main or from src/main/http).
 */
export function defaultRendererDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIGHTLINE_RENDERER_DIR) return path.resolve(env.SIGHTLINE_RENDERER_DIR)
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'out', 'renderer')
    dir = path.dirname(dir)
  }
  return path.resolve('out', 'renderer')
}

export interface StaticFile {
  status: number
  contentType: string
  body: Buffer
  isHtml: boolean
}

const NOT_BUILT = `<!doctype html><html><head><meta charset="utf-8"><title>Sightline</title></head>
<body><h1>Sightline</h1><p>The user interface is not built. Run <code>npm run build</code>, then
restart <code>sightline serve</code>. The API is available meanwhile.</p></body></html>`

/** A file of the renderer, or index.html for any other path (the SPA routes in the browser). */
export function readStaticFile(rendererDir: string, urlPath: string): StaticFile {
  const root = path.resolve(rendererDir)
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    decoded = '/'
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`)
  const inside = candidate === root || candidate.startsWith(root + path.sep)
  if (inside && existsSync(candidate) && statSync(candidate).isFile()) {
    const ext = path.extname(candidate).toLowerCase()
    return {
      status: 200,
      contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      body: readFileSync(candidate),
      isHtml: ext === '.html',
    }
  }
  const index = path.join(root, 'index.html')
  if (existsSync(index)) {
    return {
      status: 200,
      contentType: CONTENT_TYPES['.html']!,
      body: readFileSync(index),
      isHtml: true,
    }
  }
  return {
    status: 503,
    contentType: CONTENT_TYPES['.html']!,
    body: Buffer.from(NOT_BUILT),
    isHtml: true,
  }
}
