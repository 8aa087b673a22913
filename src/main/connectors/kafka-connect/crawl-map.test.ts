import { describe, expect, it } from 'vitest'
import { mapConnector, mapStatus, redactConfig, REDACTED, traceFirstLine } from './crawl-map'

const WORKER = {
  version: '4.3.1',
  kafkaClusterId: 'Pk0mvoOTe3oHM5qjirV-6A',
  plugins: [
    {
      class: 'io.debezium.connector.postgresql.PostgresConnector',
      type: 'source',
      version: '3.6.1',
    },
  ],
}

describe('redactConfig', () => {
  it('replaces the values of secret-looking keys and keeps the rest', () => {
    const r = redactConfig({
      'database.password': 'cdc-pass',
      'ssl.keystore.password': 'ks',
      'aws.secret.access.key': 'AKIA',
      'auth.token': 't0k',
      'sasl.jaas.config':
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";',
      'basic.auth.user.info': 'u:p',
      'producer.override.ssl.key': 'PEM',
      'connection.credentials': 'c',
      'datadog.apikey': 'k',
      api_key: 'k2',
      'database.user': 'sightline_cdc',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'tasks.max': 1,
    })
    expect(r.config['database.user']).toBe('sightline_cdc')
    expect(r.config['key.converter']).toBe('org.apache.kafka.connect.json.JsonConverter')
    expect(r.config['tasks.max']).toBe('1')
    for (const key of [
      'database.password',
      'ssl.keystore.password',
      'aws.secret.access.key',
      'auth.token',
      'sasl.jaas.config',
      'producer.override.ssl.key',
      'connection.credentials',
      'datadog.apikey',
      'api_key',
    ])
      expect(r.config[key], key).toBe(REDACTED)
    expect(r.redactedKeys).toContain('database.password')
    expect(r.secrets).toContain('cdc-pass')
    expect(JSON.stringify(r.config)).not.toMatch(/cdc-pass|AKIA|t0k|PEM/)
  })

  it('keeps config provider references: they point at a secret, they are not one', () => {
    const r = redactConfig({
      'database.password': '${file:/opt/secrets.properties:pg.password}',
      'sasl.jaas.config': '${env:JAAS}',
    })
    expect(r.config['database.password']).toBe('${file:/opt/secrets.properties:pg.password}')
    expect(r.config['sasl.jaas.config']).toBe('${env:JAAS}')
    expect(r.redactedKeys).toEqual([])
  })

  it('masks credentials embedded in other values (URIs, JDBC URLs)', () => {
    const r = redactConfig({
      'connection.uri': 'mongodb://ops:s3cret@mongo:27017/?authSource=admin',
      'connection.url': 'jdbc:sqlserver://db:1433;user=sa;password=Sup3r;encrypt=true',
    })
    expect(r.config['connection.uri']).toBe('mongodb://ops:***@mongo:27017/?authSource=admin')
    expect(r.config['connection.url']).not.toContain('Sup3r')
    expect(r.redactedKeys.sort()).toEqual(['connection.uri', 'connection.url'])
    expect(r.secrets).toEqual(expect.arrayContaining(['s3cret', 'Sup3r']))
  })
})

describe('mapStatus', () => {
  it('maps connector and task states, workers and the first trace line only', () => {
    const m = mapStatus(
      {
        connector: { state: 'RUNNING', worker_id: 'w1:8083', version: '3.6.1' },
        tasks: [
          {
            id: 1,
            state: 'FAILED',
            worker_id: 'w2:8083',
            trace: 'org.x.ConnectException: login for cdc failed with cdc-pass\n\tat a.b(C.java:1)',
          },
          { id: 0, state: 'RUNNING', worker_id: 'w1:8083' },
        ],
        type: 'source',
      },
      ['cdc-pass'],
    )
    expect(m.status).toEqual({ state: 'RUNNING', workerId: 'w1:8083', version: '3.6.1' })
    expect(m.tasks.map((t) => [t.id, t.state])).toEqual([
      [0, 'RUNNING'],
      [1, 'FAILED'],
    ])
    expect(m.tasks[1]!.trace).toBe('org.x.ConnectException: login for cdc failed with ***')
    expect(m.notes).toEqual([
      'Task 1 FAILED: org.x.ConnectException: login for cdc failed with ***',
    ])
  })

  it('a failed connector is noted; a missing status is UNKNOWN, never RUNNING', () => {
    const failed = mapStatus(
      { connector: { state: 'FAILED', worker_id: 'w1', trace: 'boom\nat x' }, tasks: [] },
      [],
    )
    expect(failed.status.trace).toBe('boom')
    expect(failed.notes[0]).toMatch(/^Connector FAILED on w1: boom/)
    const missing = mapStatus(undefined, [])
    expect(missing.status.state).toBe('UNKNOWN')
    expect(missing.notes).toContain('Status unavailable.')
  })

  it('bounds a trace line', () => {
    expect(traceFirstLine('x'.repeat(2000), [])!.length).toBe(500)
    expect(traceFirstLine('', [])).toBeUndefined()
  })
})

describe('mapConnector', () => {
  it('builds a connector asset under the cluster with no fields and no secret anywhere', () => {
    const asset = mapConnector('amper-connect', WORKER, {
      name: 'crm-cdc',
      info: {
        name: 'crm-cdc',
        type: 'source',
        config: {
          'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
          'database.password': 'cdc-pass',
        },
      },
      status: {
        connector: { state: 'FAILED', worker_id: 'w', trace: 'password cdc-pass rejected' },
        tasks: [],
      },
      topics: ['crm.dbo.Customer', 'crm.dbo.Address'],
    })
    expect(asset.urn).toBe('kafka-connect://amper-connect/crm-cdc')
    expect(asset.parent).toBe('kafka-connect://amper-connect')
    expect(asset.kind).toBe('connector')
    expect(asset.fields).toEqual([])
    expect(asset.properties).toMatchObject({
      class: 'io.debezium.connector.postgresql.PostgresConnector',
      type: 'source',
      topics: ['crm.dbo.Address', 'crm.dbo.Customer'],
      kafkaClusterId: 'Pk0mvoOTe3oHM5qjirV-6A',
      pluginVersion: '3.6.1',
    })
    expect(JSON.stringify(asset)).not.toContain('cdc-pass')
  })

  it('takes the type from the plugin list when the info lacks it; sink topics from config', () => {
    const asset = mapConnector('c', WORKER, {
      name: 'x',
      info: {
        config: {
          'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
          topics: 'a, b',
        },
      },
    })
    expect(asset.properties?.type).toBe('source')
    expect(asset.properties?.configuredTopics).toEqual(['a', 'b'])
    expect(asset.properties?.topics).toBeUndefined()
  })
})
