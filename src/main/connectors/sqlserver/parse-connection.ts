import type { ResolvedSource } from '../connector'
import { badInput, malformedUrl, type Endpoint } from '../errors'
import { assertSchemeFits, optionFlag, parsePort, parseUrl } from '../shared/url'

export const SQLSERVER_URL_EXAMPLE =
  'mssql://sql.example.com:1433/crm, sqlserver://sql.example.com:1433;databaseName=crm or Server=sql.example.com,1433;Database=crm'

export interface SqlServerTarget {
  endpoint: Endpoint
  /** Named instance (host\instance): resolved by the SQL Browser service when no port is given. */
  instanceName?: string
  database?: string
  user?: string
  password?: string
  /** tedious 19 and SQL Server 2022 default to encryption; a check honours what the user said. */
  encrypt: boolean
  trustServerCertificate: boolean
}

type Props = Map<string, string>

const KEY_ALIASES: Record<string, string> = {
  server: 'server',
  'data source': 'server',
  address: 'server',
  addr: 'server',
  'network address': 'server',
  database: 'database',
  'initial catalog': 'database',
  databasename: 'database',
  'user id': 'user',
  uid: 'user',
  user: 'user',
  username: 'user',
  password: 'password',
  pwd: 'password',
  encrypt: 'encrypt',
  trustservercertificate: 'trustServerCertificate',
  instancename: 'instanceName',
  portnumber: 'port',
  port: 'port',
}

/** `k=v;k2="v;2"` (ADO.NET / JDBC properties) -> canonical keys. */
export function parseProperties(text: string): Props {
  const props: Props = new Map()
  const re =
    /\s*([^=;]+?)\s*=\s*("(?:[^"]|"")*"|'(?:[^']|'')*'|\{(?:[^}]|\}\})*\}|[^;]*)\s*(?:;|$)/gy
  const rest = text.trim()
  if (rest === '') return props
  let m: RegExpExecArray | null
  let consumed = 0
  while (consumed < rest.length && (m = re.exec(rest)) !== null) {
    if (m[0] === '') break
    consumed = re.lastIndex
    const key = m[1]!.trim().toLowerCase()
    let value = m[2]!.trim()
    if (/^".*"$|^'.*'$/s.test(value))
      value = value.slice(1, -1).replace(/""/g, '"').replace(/''/g, "'")
    else if (/^\{.*\}$/s.test(value)) value = value.slice(1, -1).replace(/\}\}/g, '}')
    props.set(KEY_ALIASES[key] ?? key, value)
  }
  if (consumed < rest.replace(/;\s*$/, '').length) {
    throw malformedUrl(
      'sqlserver',
      `cannot read "${rest.slice(consumed, consumed + 20)}" as key=value`,
      SQLSERVER_URL_EXAMPLE,
    )
  }
  return props
}

/** `tcp:host\instance,1433` or `host\instance:1433` -> host, instance, port. */
function parseServer(
  server: string,
  portSeparator: ',' | ':',
): { host: string; instanceName?: string; port?: string } {
  const s = server.replace(/^tcp:/i, '').trim()
  const sep = s.lastIndexOf(portSeparator)
  const hostPart = sep >= 0 ? s.slice(0, sep) : s
  const port = sep >= 0 ? s.slice(sep + 1).trim() : undefined
  const [host, instanceName] = hostPart.split('\\', 2)
  return { host: (host ?? '').trim(), instanceName: instanceName?.trim() || undefined, port }
}

/**
 * Accepts what SQL Server people paste: `mssql://` URLs (path = database, query = options),
 * JDBC-style `[jdbc:]sqlserver://host[\instance][:port];databaseName=...`, and ADO.NET
 * connection strings `Server=tcp:host,1433;Database=...`. A password found in the text is used
 * (and treated as a secret) when the source has none of its own.
 */
export function parseSqlServerSource(
  source: Pick<ResolvedSource, 'url' | 'username' | 'password' | 'options'>,
): SqlServerTarget {
  const kind = 'sqlserver'
  const scheme = assertSchemeFits(kind, source.url, SQLSERVER_URL_EXAMPLE)
  const text = source.url.trim()
  let host: string
  let instanceName: string | undefined
  let portText: string | undefined
  let props: Props
  if (scheme === 'mssql') {
    const url = parseUrl(kind, text, SQLSERVER_URL_EXAMPLE)
    host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    portText = url.port || undefined
    props = new Map(
      [...url.searchParams].map(([k, v]) => [KEY_ALIASES[k.toLowerCase()] ?? k.toLowerCase(), v]),
    )
    const db = decodeURIComponent(url.pathname.replace(/^\//, ''))
    if (db.includes('/')) {
      // mssql://host/instance/db is a common spelling of a named instance.
      const [inst, dbName] = db.split('/', 2)
      instanceName = inst || undefined
      if (dbName) props.set('database', dbName)
    } else if (db) props.set('database', db)
    if (url.username) props.set('user', decodeURIComponent(url.username))
    if (url.password) props.set('password', decodeURIComponent(url.password))
  } else if (scheme === 'sqlserver' || scheme === 'jdbc:sqlserver') {
    const body = text.slice(text.indexOf('://') + 3)
    const semi = body.indexOf(';')
    const server = parseServer(semi >= 0 ? body.slice(0, semi) : body, ':')
    host = server.host
    instanceName = server.instanceName
    portText = server.port
    props = parseProperties(semi >= 0 ? body.slice(semi + 1) : '')
  } else {
    if (!text.includes('='))
      throw malformedUrl(
        kind,
        'it is neither a URL nor a Server=...;Database=... connection string',
        SQLSERVER_URL_EXAMPLE,
      )
    props = parseProperties(text)
    const server = props.get('server')
    if (!server)
      throw malformedUrl(
        kind,
        'the connection string has no Server (or Data Source)',
        SQLSERVER_URL_EXAMPLE,
      )
    const parsed = parseServer(server, ',')
    host = parsed.host
    instanceName = parsed.instanceName
    portText = parsed.port
  }
  if (!host || !/^[a-z0-9._-]+$|^[0-9a-f:]+$/i.test(host))
    throw malformedUrl(
      kind,
      host ? `"${host}" is not a valid host name` : 'the host is missing',
      SQLSERVER_URL_EXAMPLE,
    )
  if (host === '.' || host.toLowerCase() === '(local)') host = 'localhost'
  portText = portText ?? props.get('port')
  instanceName = instanceName ?? props.get('instanceName')
  const encryptText = source.options.encrypt ?? source.options.tls ?? props.get('encrypt')
  const encrypt = encryptText === undefined ? true : optionFlag(encryptText)
  if (encrypt === undefined)
    throw badInput(`Encrypt must be true or false, not "${String(encryptText)}".`, 'bad-option', {
      option: 'encrypt',
    })
  const trust =
    optionFlag(source.options.trustServerCertificate ?? props.get('trustServerCertificate')) ??
    false
  return {
    endpoint: { host, port: parsePort(portText, 1433, kind, SQLSERVER_URL_EXAMPLE) },
    instanceName: portText ? undefined : instanceName,
    database: props.get('database') || undefined,
    user: source.username ?? props.get('user'),
    password: source.password ?? props.get('password'),
    encrypt,
    trustServerCertificate: trust,
  }
}
