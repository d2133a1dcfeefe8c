-- The service's own catalogue of loaded tables leaves the user-writable geo schema (a job writing
-- a table named table_catalog with overwrite=true replaced it once); each table gets an owner:
-- the submitter of the job that first created it, the one who (with admins) may overwrite it.
ALTER TABLE geo.table_catalog SET SCHEMA app;
ALTER TABLE app.table_catalog ADD COLUMN owner text;
