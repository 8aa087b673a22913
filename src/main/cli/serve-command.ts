import { Command, InvalidArgumentError } from 'commander'
import { ApiError } from '../../shared/api/errors'
import { startHttpServer } from '../http/http-server'
import { startBackgroundWork } from '../api/background-work'
import { action, openHost, withCommonOptions, type CommonOptions } from './cli-support'

function port(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port from 0 to 65535')
  return n
}

/**
 * `sightline serve`: the API over HTTP on 127.0.0.1 plus the built renderer. Prints the
 * one-time login URL and the API token (the fixed protocol the renderer and e2e rely on).
 */
export function serveCommand(): Command {
  return withCommonOptions(
    new Command('serve')
      .description('serve the app and its API on http://127.0.0.1 (random port unless --port)')
      .option('--port <n>', 'port to listen on; 0 picks a free one', port, 0),
  ).action(
    action(async (opts: CommonOptions & { port: number }) => {
      const host = await openHost(opts)
      let running
      try {
        running = await startHttpServer({
          host,
          port: opts.port,
          ...(process.env.SIGHTLINE_SERVE_TOKEN
            ? { apiToken: process.env.SIGHTLINE_SERVE_TOKEN }
            : {}),
        })
      } catch (err) {
        await host.close()
        const code = (err as NodeJS.ErrnoException).code
        if (code === 'EADDRINUSE')
          throw new ApiError(
            'conflict',
            `Port ${opts.port} on 127.0.0.1 is already in use: choose another with --port, or 0 for a free one.`,
          )
        throw err
      }
      startBackgroundWork(host)
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ url: running.loginUrl, port: running.port, apiToken: running.apiToken })}\n`,
        )
      } else {
        process.stdout.write(`Sightline is running at ${running.loginUrl}\n`)
        process.stdout.write(`API token (for Authorization: Bearer): ${running.apiToken}\n`)
        process.stderr.write(
          'Passwords typed into this server are kept in its memory only and are lost when it stops; save ${env:VAR} references to keep them. Ctrl+C stops.\n',
        )
      }
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        void running
          .close()
          .then(() => host.close())
          .then(() => process.exit(0))
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    }),
  )
}
