-- Roles and databases of the reference estate. Run by services/postgres.sh on every start, as the
-- postgres superuser; idempotent. Expects psql variables <role>_user / <role>_password for
-- admin, reader, limited, slow and cdc (set from env.sh).

-- ALTER ROLE ... PASSWORD would otherwise be kept, in clear, in pg_stat_statements.
SET pg_stat_statements.track_utility = off;
SET log_statement = 'none';

SELECT format('CREATE ROLE %I', r)
  FROM unnest(ARRAY[:'admin_user', :'reader_user', :'limited_user', :'slow_user', :'cdc_user']) AS r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)
\gexec

-- admin: seeding, publications, extensions. Superuser so that Debezium publications
-- FOR ALL TABLES and REPLICA IDENTITY changes never trip on ownership.
ALTER ROLE :"admin_user" WITH LOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION PASSWORD :'admin_password';

-- reader: what Sightline is meant to use: can read everything, can write nothing.
ALTER ROLE :"reader_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'reader_password';
ALTER ROLE :"reader_user" SET default_transaction_read_only = on;

-- limited: sees only crm dbo."Customer" (grants.sql), to test partial catalogues.
ALTER ROLE :"limited_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'limited_password';
ALTER ROLE :"limited_user" SET default_transaction_read_only = on;

-- slow: reads like reader, but every statement is cut off after 500 ms, to test timeouts.
ALTER ROLE :"slow_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'slow_password';
ALTER ROLE :"slow_user" SET statement_timeout = '500ms';
ALTER ROLE :"slow_user" SET default_transaction_read_only = on;

-- cdc: Debezium's replication user (SELECT on the tables comes from grants.sql).
ALTER ROLE :"cdc_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE REPLICATION PASSWORD :'cdc_password';

SELECT format('CREATE DATABASE %I OWNER %I', d, :'admin_user')
  FROM unnest(ARRAY['crm', 'orders', 'legacy']) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\gexec

CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
\connect crm
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
\connect orders
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
\connect legacy
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
