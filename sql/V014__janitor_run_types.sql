-- app.janitor_runs records every maintenance run, not only the engine janitor's: the metadata
-- consistency check (issue 17) records its findings there too. run_type tells them apart.
ALTER TABLE app.janitor_runs ADD COLUMN run_type varchar(40) NOT NULL DEFAULT 'janitor';
CREATE INDEX janitor_runs_type_idx ON app.janitor_runs (run_type, started_at DESC);
