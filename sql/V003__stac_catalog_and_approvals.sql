-- GeoETL's STAC catalog (pgSTAC is not installable here): collections and items as JSONB with
-- their geometry and datetime range in indexed columns, plus approvals and dataset references.
CREATE SCHEMA IF NOT EXISTS stac;

CREATE TABLE stac.collections (
    id          text        PRIMARY KEY,
    content     jsonb       NOT NULL,
    job_id      varchar(64),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stac.items (
    collection_id  text        NOT NULL REFERENCES stac.collections (id) ON DELETE CASCADE,
    id             text        NOT NULL,
    content        jsonb       NOT NULL,          -- the item without links (rendered at read time)
    geometry       geometry(Geometry, 4326),
    start_datetime timestamptz,
    end_datetime   timestamptz,
    -- app:published is this column, rendered into properties; false until an approval flips it
    published      boolean     NOT NULL DEFAULT false,
    job_id         varchar(64),                   -- the job that registered it (approvals act per job)
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection_id, id)
);
CREATE INDEX items_geometry_idx ON stac.items USING gist (geometry);
CREATE INDEX items_datetime_idx ON stac.items (start_datetime, end_datetime);
CREATE INDEX items_id_idx       ON stac.items (id);
CREATE INDEX items_job_idx      ON stac.items (job_id);
CREATE INDEX items_published_idx ON stac.items (collection_id, id) WHERE published;

CREATE TABLE app.dataset_approvals (
    approval_id        varchar(64)  PRIMARY KEY,
    job_id             varchar(64)  NOT NULL UNIQUE,
    job_type           varchar(100) NOT NULL,
    classification     varchar(20)  NOT NULL DEFAULT 'ouo' CHECK (classification IN ('public', 'ouo', 'restricted')),
    status             varchar(20)  NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
    stac_collection_id text,
    item_count         int          NOT NULL DEFAULT 0,
    reviewer           varchar(200),
    notes              text,
    rejection_reason   text,
    revoked_at         timestamptz,
    revoked_by         varchar(200),
    revocation_reason  text,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    reviewed_at        timestamptz,
    updated_at         timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX approvals_status_idx  ON app.dataset_approvals (status);
CREATE INDEX approvals_created_idx ON app.dataset_approvals (created_at DESC);

CREATE TABLE app.dataset_refs (
    dataset_id      varchar(255) NOT NULL,
    data_type       varchar(20)  NOT NULL CHECK (data_type IN ('vector', 'raster', 'collection', 'item')),
    ddh_dataset_id  varchar(100),
    ddh_resource_id varchar(100),
    ddh_version_id  varchar(100),
    other_refs      jsonb        NOT NULL DEFAULT '{}',
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset_id, data_type)
);
CREATE INDEX dataset_refs_ddh_idx ON app.dataset_refs (ddh_dataset_id, ddh_resource_id, ddh_version_id);
