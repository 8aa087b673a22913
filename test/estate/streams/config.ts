import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Connection facts of the reference estate, read from the same environment variables as
 * test/estate/env.sh with the same defaults, so that the TS side and the shell side agree.
 */
const env = (name: string, fallback: string): string => process.env[name] ?? fallback

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export function estateConfig() {
  const host = '127.0.0.1'
  const estateDir = env('SIGHTLINE_ESTATE_DIR', path.join(REPO_ROOT, '.estate'))
  const registryPort = env('SIGHTLINE_REGISTRY_PORT', '58081')
  return {
    host,
    estateDir,
    scale: env('SIGHTLINE_ESTATE_SCALE', 'small'),
    /** Generated data of the current scale (topics/<topic>.jsonl, manifest.json). */
    dataDir: path.join(estateDir, 'data', env('SIGHTLINE_ESTATE_SCALE', 'small')),
    runDir: path.join(estateDir, 'run'),
    pg: {
      port: Number(env('SIGHTLINE_PG_PORT', '55432')),
      adminUser: env('SIGHTLINE_PG_ADMIN_USER', 'sightline_admin'),
      adminPassword: env('SIGHTLINE_PG_ADMIN_PASSWORD', 'admin-pass'),
      cdcUser: env('SIGHTLINE_PG_CDC_USER', 'sightline_cdc'),
      cdcPassword: env('SIGHTLINE_PG_CDC_PASSWORD', 'cdc-pass'),
    },
    kafka: { brokers: [`${host}:${env('SIGHTLINE_KAFKA_PORT', '59092')}`] },
    connectUrl: `http://${host}:${env('SIGHTLINE_CONNECT_PORT', '58083')}`,
    registryUrl: env('SIGHTLINE_REGISTRY_URL', `http://${host}:${registryPort}/apis/ccompat/v7`),
    mongoUrl: `mongodb://${host}:${env('SIGHTLINE_MONGO_PORT', '57017')}/`,
  }
}

export type EstateConfig = ReturnType<typeof estateConfig>
