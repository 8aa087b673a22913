-- Grants of the reference estate's roles on the seeded tables. Run by up.sh in each database
-- the seed created (crm, orders, legacy; the filler databases at bench) after seeding, as the admin role; idempotent, and generic over whatever
-- schemas and tables exist. Expects psql variables reader_user, limited_user, slow_user,
-- cdc_user and admin_user.

SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I, %I, %I', current_database(),
              :'reader_user', :'limited_user', :'slow_user', :'cdc_user')
\gexec

-- Every application schema: not the catalogues, not the toast/temp schemas.
CREATE TEMP VIEW estate_schemas AS
  SELECT nspname FROM pg_namespace
   WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema';

-- reader and slow read everything, now and for tables the admin creates later.
SELECT format('GRANT USAGE ON SCHEMA %I TO %I, %I, %I', nspname, :'reader_user', :'slow_user', :'cdc_user')
  FROM estate_schemas
\gexec
SELECT format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I, %I, %I', nspname, :'reader_user', :'slow_user', :'cdc_user')
  FROM estate_schemas
\gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT ON TABLES TO %I, %I, %I',
              :'admin_user', nspname, :'reader_user', :'slow_user', :'cdc_user')
  FROM estate_schemas
\gexec

-- limited sees crm's dbo."Customer" and nothing else: take back anything granted before,
-- then grant the one table (if seeding has created it).
SELECT format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', nspname, :'limited_user')
  FROM estate_schemas
\gexec
SELECT format('REVOKE USAGE ON SCHEMA %I FROM %I', nspname, :'limited_user')
  FROM estate_schemas
 WHERE nspname <> 'public'
\gexec
SELECT format('GRANT USAGE ON SCHEMA dbo TO %I', :'limited_user'),
       format('GRANT SELECT ON dbo."Customer" TO %I', :'limited_user')
 WHERE current_database() = 'crm' AND to_regclass('dbo."Customer"') IS NOT NULL
\gexec

DROP VIEW estate_schemas;
