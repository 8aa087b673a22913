/**
 * The SQL Server catalogue queries, one named constant each (issue 4, item 1). Per database a
 * fixed handful, whatever its table count: MS_DATABASE, MS_SCHEMAS, MS_OBJECTS, MS_COLUMNS,
 * MS_KEY_COLUMNS, MS_FOREIGN_KEY_COLUMNS, MS_INDEX_COLUMNS, plus MS_CDC_CAPTURE_INSTANCES where the
 * database has CDC on (cdc.change_tables exists only then). Every column is qualified by an alias
 * that is unique within its query, so the tests can check each one against sys-catalog-columns.ts.
 * No STRING_AGG: key and index columns come one row each, in order, and are grouped in crawl-map.
 */

/** Databases the login can open, on the connection's server (run once per crawl). */
export const MS_DATABASES = `
SELECT d.name AS databaseName, d.database_id AS databaseId, d.is_cdc_enabled AS isCdcEnabled
FROM sys.databases d
WHERE d.database_id > 4 AND d.state_desc = 'ONLINE' AND HAS_DBACCESS(d.name) = 1
ORDER BY d.name`

/** The current database, its CDC switch and its MS_Description. */
export const MS_DATABASE = `
SELECT d.name AS databaseName, d.is_cdc_enabled AS isCdcEnabled,
  CAST(ep.value AS nvarchar(4000)) AS description
FROM sys.databases d
LEFT JOIN sys.extended_properties ep
  ON ep.class = 0 AND ep.major_id = 0 AND ep.minor_id = 0 AND ep.name = 'MS_Description'
WHERE d.database_id = DB_ID()`

/** User schemas (not sys, INFORMATION_SCHEMA, cdc, guest or the fixed-role schemas). */
export const MS_SCHEMAS = `
SELECT s.schema_id AS schemaId, s.name AS schemaName, CAST(ep.value AS nvarchar(4000)) AS description
FROM sys.schemas s
LEFT JOIN sys.extended_properties ep
  ON ep.class = 3 AND ep.major_id = s.schema_id AND ep.minor_id = 0 AND ep.name = 'MS_Description'
WHERE s.schema_id < 16384 AND s.name NOT IN ('sys', 'INFORMATION_SCHEMA', 'cdc', 'guest')
ORDER BY s.name`

/** Tables and views with row counts (sys.partitions), descriptions, CDC and temporal state. */
export const MS_OBJECTS = `
SELECT o.object_id AS objectId, s.name AS schemaName, o.name AS objectName, o.type AS objectType,
  t.is_tracked_by_cdc AS isTrackedByCdc, t.temporal_type_desc AS temporalType,
  hs.name AS historySchema, ht.name AS historyTable,
  (SELECT SUM(p.rows) FROM sys.partitions p
    WHERE p.object_id = o.object_id AND p.index_id IN (0, 1)) AS rowEstimate,
  CAST(ep.value AS nvarchar(4000)) AS description
FROM sys.objects o
JOIN sys.schemas s ON s.schema_id = o.schema_id
LEFT JOIN sys.tables t ON t.object_id = o.object_id
LEFT JOIN sys.tables ht ON ht.object_id = t.history_table_id
LEFT JOIN sys.schemas hs ON hs.schema_id = ht.schema_id
LEFT JOIN sys.extended_properties ep
  ON ep.class = 1 AND ep.major_id = o.object_id AND ep.minor_id = 0 AND ep.name = 'MS_Description'
WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0 AND s.name NOT IN ('sys', 'cdc', 'INFORMATION_SCHEMA')
ORDER BY s.name, o.name`

/** Every column of those objects: type, nullability, default, identity, computed, description. */
export const MS_COLUMNS = `
SELECT c.object_id AS objectId, c.column_id AS columnId, c.name AS columnName,
  ty.name AS typeName, ty.is_user_defined AS isUserDefinedType, bt.name AS baseTypeName,
  c.max_length AS maxLength, c.[precision] AS numericPrecision, c.scale AS numericScale,
  c.is_nullable AS isNullable, c.is_identity AS isIdentity, c.is_computed AS isComputed,
  dc.definition AS defaultDefinition, cc.definition AS computedDefinition,
  CAST(ic.seed_value AS nvarchar(100)) AS identitySeed,
  CAST(ic.increment_value AS nvarchar(100)) AS identityIncrement,
  CAST(ep.value AS nvarchar(4000)) AS description
FROM sys.columns c
JOIN sys.objects o ON o.object_id = c.object_id
JOIN sys.types ty ON ty.user_type_id = c.user_type_id
LEFT JOIN sys.types bt ON bt.user_type_id = c.system_type_id AND bt.user_type_id = bt.system_type_id
LEFT JOIN sys.default_constraints dc ON dc.object_id = c.default_object_id
LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
LEFT JOIN sys.identity_columns ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
LEFT JOIN sys.extended_properties ep
  ON ep.class = 1 AND ep.major_id = c.object_id AND ep.minor_id = c.column_id AND ep.name = 'MS_Description'
WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0
ORDER BY c.object_id, c.column_id`

/** Primary and unique keys, one row per key column in key order. */
export const MS_KEY_COLUMNS = `
SELECT kc.parent_object_id AS objectId, kc.name AS keyName, kc.type AS keyType,
  col.name AS columnName, ixc.key_ordinal AS keyOrdinal
FROM sys.key_constraints kc
JOIN sys.index_columns ixc ON ixc.object_id = kc.parent_object_id AND ixc.index_id = kc.unique_index_id
JOIN sys.columns col ON col.object_id = ixc.object_id AND col.column_id = ixc.column_id
WHERE kc.is_ms_shipped = 0
ORDER BY kc.parent_object_id, kc.name, ixc.key_ordinal`

/** Foreign keys, one row per column pair in order. */
export const MS_FOREIGN_KEY_COLUMNS = `
SELECT fk.parent_object_id AS objectId, fk.name AS keyName, fkc.constraint_column_id AS columnPosition,
  pc.name AS columnName, rs.name AS referencedSchema, ro.name AS referencedTable,
  rc.name AS referencedColumn
FROM sys.foreign_keys fk
JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
JOIN sys.objects ro ON ro.object_id = fkc.referenced_object_id
JOIN sys.schemas rs ON rs.schema_id = ro.schema_id
WHERE fk.is_ms_shipped = 0
ORDER BY fk.parent_object_id, fk.name, fkc.constraint_column_id`

/** Indexes (not heaps), one row per key column in order; included columns are not keys. */
export const MS_INDEX_COLUMNS = `
SELECT i.object_id AS objectId, i.name AS indexName, i.type_desc AS indexType,
  i.is_unique AS isUnique, i.is_primary_key AS isPrimaryKey, ixcol.name AS columnName,
  ix.key_ordinal AS keyOrdinal
FROM sys.indexes i
JOIN sys.objects io ON io.object_id = i.object_id
JOIN sys.index_columns ix ON ix.object_id = i.object_id AND ix.index_id = i.index_id
JOIN sys.columns ixcol ON ixcol.object_id = ix.object_id AND ixcol.column_id = ix.column_id
WHERE i.type > 0 AND ix.is_included_column = 0 AND io.is_ms_shipped = 0
ORDER BY i.object_id, i.name, ix.key_ordinal`

/** CDC capture instances; only sent where sys.databases.is_cdc_enabled says cdc.* exists. */
export const MS_CDC_CAPTURE_INSTANCES = `
SELECT ct.source_object_id AS objectId, ct.capture_instance AS captureInstance
FROM cdc.change_tables ct
ORDER BY ct.source_object_id, ct.capture_instance`

export const MS_CRAWL_QUERIES = {
  MS_DATABASES,
  MS_DATABASE,
  MS_SCHEMAS,
  MS_OBJECTS,
  MS_COLUMNS,
  MS_KEY_COLUMNS,
  MS_FOREIGN_KEY_COLUMNS,
  MS_INDEX_COLUMNS,
  MS_CDC_CAPTURE_INSTANCES,
} as const
