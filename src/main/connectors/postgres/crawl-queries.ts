/**
 * The PostgreSQL catalogue queries: five set-based reads per database, whatever its table count
 * (issue 4: never one query per table). They share one filter, RELATIONS_IN_SCOPE, so every query
 * sees the same objects: user schemas only, nothing an extension owns (pg_depend deptype 'e', e.g.
 * pg_stat_statements' views in public), and only what the login may read; what it may not read is
 * counted by PG_DATABASE so the crawl can say so.
 */

const SYSTEM_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`

const NOT_EXTENSION_OWNED = (oid: string, catalog: string) => `NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_depend d
  WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`

/** Tables, partitioned tables, views, materialized views and foreign tables the crawl reports. */
const RELATIONS_IN_SCOPE = `c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND ${SYSTEM_SCHEMAS}
  AND ${NOT_EXTENSION_OWNED('c.oid', 'pg_catalog.pg_class')}`

const READABLE = `pg_catalog.has_schema_privilege(n.oid, 'USAGE')
  AND pg_catalog.has_table_privilege(c.oid, 'SELECT')`

/** The database, its schemas, and how many relations the login cannot read. */
export const PG_DATABASE = `
SELECT pg_catalog.current_database() AS database,
  pg_catalog.shobj_description(db.oid, 'pg_database') AS description,
  (SELECT coalesce(json_agg(json_build_object('name', n.nspname,
      'description', pg_catalog.obj_description(n.oid, 'pg_namespace')) ORDER BY n.nspname), '[]')
     FROM pg_catalog.pg_namespace n
    WHERE ${SYSTEM_SCHEMAS} AND ${NOT_EXTENSION_OWNED('n.oid', 'pg_catalog.pg_namespace')}
      AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')) AS schemas,
  (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE ${RELATIONS_IN_SCOPE} AND NOT (${READABLE}))::int AS unreadable
FROM pg_catalog.pg_database db WHERE db.datname = pg_catalog.current_database()`

/** Relations with row estimates, comments and the publications that include them. */
export const PG_RELATIONS = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS relkind,
  c.reltuples::float8 AS reltuples, pg_catalog.obj_description(c.oid, 'pg_class') AS description,
  coalesce((SELECT array_agg(pt.pubname::text ORDER BY pt.pubname) FROM pg_catalog.pg_publication_tables pt
     WHERE pt.schemaname = n.nspname AND pt.tablename = c.relname), '{}') AS publications
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${RELATIONS_IN_SCOPE} AND ${READABLE}
ORDER BY n.nspname, c.relname`

/** Every column of those relations. */
export const PG_COLUMNS = `
SELECT a.attrelid::int8 AS oid, a.attname AS name, a.attnum::int AS ordinal,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS declared_type, NOT a.attnotnull AS nullable,
  CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default_expr,
  CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generated_expr,
  a.attidentity AS identity, pg_catalog.col_description(a.attrelid, a.attnum) AS description
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND ${RELATIONS_IN_SCOPE} AND ${READABLE}
ORDER BY a.attrelid, a.attnum`

/** Primary, unique and foreign keys, columns in key order. */
export const PG_CONSTRAINTS = `
SELECT con.conrelid::int8 AS oid, con.conname AS name, con.contype AS type,
  ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
  rn.nspname AS ref_schema, rc.relname AS ref_table,
  ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS ref_columns
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'u', 'f') AND ${RELATIONS_IN_SCOPE} AND ${READABLE}
ORDER BY con.conrelid, con.conname`

/** Indexes with their key columns (expressions printed as such). */
export const PG_INDEXES = `
SELECT i.indrelid::int8 AS oid, ic.relname AS name, i.indisunique AS is_unique,
  i.indisprimary AS is_primary, am.amname AS method,
  ARRAY(SELECT coalesce(a.attname::text, pg_catalog.pg_get_indexdef(i.indexrelid, k.i::int, true))
        FROM generate_series(1, i.indnkeyatts) k(i)
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.i - 1]
        ORDER BY k.i) AS columns
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${RELATIONS_IN_SCOPE} AND ${READABLE}
ORDER BY i.indrelid, ic.relname`

export const PG_CRAWL_QUERIES = {
  PG_DATABASE,
  PG_RELATIONS,
  PG_COLUMNS,
  PG_CONSTRAINTS,
  PG_INDEXES,
} as const
