import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const SESSION_COOKIE = 'sightline_session'

function randomToken(): string {
  return randomBytes(32).toString('base64url')
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/**
 * Who may call the API of `sightline serve` (DESIGN.md §2): a browser that traded the one-time
 * login token for a session cookie, or a client with the API token as a Bearer header.
 */
export class ServeAuth {
  readonly apiToken: string
  private readonly loginTokens = new Set<string>()
  private readonly sessions = new Set<string>()

  constructor(apiToken?: string) {
    this.apiToken = apiToken && apiToken.length > 0 ? apiToken : randomToken()
  }

  /** A new one-time login token for the URL printed at start. */
  issueLoginToken(): string {
    const token = randomToken()
    this.loginTokens.add(token)
    return token
  }

  /** Trades a login token for a new session id; undefined if unknown or already used. */
  redeemLoginToken(token: string): string | undefined {
    let match: string | undefined
    for (const candidate of this.loginTokens) if (sameSecret(candidate, token)) match = candidate
    if (match === undefined) return undefined
    this.loginTokens.delete(match)
    const session = randomToken()
    this.sessions.add(session)
    return session
  }

  sessionCookie(session: string): string {
    return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`
  }

  isAuthenticated(req: IncomingMessage): boolean {
    const auth = req.headers.authorization
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth)
      return m !== null && sameSecret(m[1]!, this.apiToken)
    }
    const session = cookieValue(req.headers.cookie, SESSION_COOKIE)
    if (session === undefined) return false
    for (const candidate of this.sessions) if (sameSecret(candidate, session)) return true
    return false
  }
}
