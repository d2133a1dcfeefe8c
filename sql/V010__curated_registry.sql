-- The curated reference-data registry (seed F7.1/F7.2): what is kept fresh, from where, into which
-- table, how and when; and the log of its updates.
CREATE TABLE app.curated_datasets (
    dataset_id          text PRIMARY KEY CHECK (dataset_id ~ '^[a-z][a-z0-9_-]{0,62}$'),
    name                text NOT NULL,
    description         text,
    source_kind         text NOT NULL CHECK (source_kind IN ('ibat_wdpa', 'ibat_kba', 'acled', 'natural_earth_admin0',
                                                             'natural_earth_admin1', 'url', 'manual')),
    source              jsonb NOT NULL DEFAULT '{}',     -- kind-specific: url, container/blob, layer …
    target_schema       text NOT NULL DEFAULT 'geo',
    target_table        text NOT NULL,
    update_strategy     text NOT NULL CHECK (update_strategy IN ('full_replace', 'upsert')),
    upsert_key          text,
    schedule            text,                            -- Quartz cron, UTC; NULL = on demand only
    enabled             boolean NOT NULL DEFAULT true,
    auto_approve        boolean NOT NULL DEFAULT false,
    style               jsonb NOT NULL DEFAULT '{}',     -- symbology hints served with the metadata
    builtin             boolean NOT NULL DEFAULT false,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    last_checked_at     timestamptz,
    last_updated_at     timestamptz,
    last_job_id         text,
    source_version      text,
    CONSTRAINT curated_upsert_key CHECK (update_strategy <> 'upsert' OR upsert_key IS NOT NULL),
    UNIQUE (target_schema, target_table)
);

CREATE TABLE app.curated_update_log (
    update_id       bigserial PRIMARY KEY,
    dataset_id      text NOT NULL REFERENCES app.curated_datasets ON DELETE CASCADE,
    job_id          text,
    update_type     text NOT NULL CHECK (update_type IN ('manual', 'scheduled', 'triggered')),
    status          text NOT NULL CHECK (status IN ('running', 'completed', 'skipped', 'failed')),
    source_version  text,
    counts          jsonb NOT NULL DEFAULT '{}',
    message         text,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz
);
CREATE INDEX curated_update_log_dataset ON app.curated_update_log (dataset_id, started_at DESC);
