-- Pipelines: job definitions stored as data (the same model as the built-in jobs/*.yaml, which stay
-- read-only). Version 0 is a pipeline's one editable draft; versions 1, 2 … are published and
-- immutable (a trigger refuses to change their definition). A job records the version it runs.
CREATE TABLE app.job_definitions (
    name         varchar(63)  NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]{2,62}$'),
    version      int          NOT NULL CHECK (version >= 0),
    status       varchar(20)  NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    definition   jsonb        NOT NULL,
    author       varchar(200),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version),
    CHECK ((version = 0) = (status = 'draft'))
);

CREATE FUNCTION app.job_definitions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.version > 0 AND (NEW.definition IS DISTINCT FROM OLD.definition OR NEW.version <> OLD.version
                            OR NEW.name <> OLD.name) THEN
        RAISE EXCEPTION 'published pipeline versions are immutable';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER job_definitions_immutable BEFORE UPDATE ON app.job_definitions
    FOR EACH ROW EXECUTE FUNCTION app.job_definitions_immutable();

-- the pipeline version a job runs; null for the built-in job types
ALTER TABLE app.jobs ADD COLUMN definition_version int;
