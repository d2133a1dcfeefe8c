-- The Platform (DDH) layer's requests (issue 17, seed §5.2): a data hub submits by dataset /
-- resource / version; request_id = sha256(dataset|resource|version)[:32] makes a resubmission
-- idempotent, and the hub asks for status by its ids. One request may run several jobs (a raster
-- collection: one process_raster per file into one STAC collection).
CREATE TABLE app.platform_requests (
    request_id   varchar(32)  PRIMARY KEY,
    dataset_id   varchar(255) NOT NULL,
    resource_id  varchar(255) NOT NULL,
    version_id   varchar(50)  NOT NULL,
    data_type    varchar(20)  NOT NULL CHECK (data_type IN ('vector', 'raster', 'raster_collection')),
    access_level varchar(10)  NOT NULL CHECK (access_level IN ('public', 'ouo')),
    job_type     varchar(100) NOT NULL,
    job_ids      text[]       NOT NULL,
    -- the unpublish jobs of POST /api/platform/unpublish; when they have all completed the request is forgotten
    unpublish_job_ids text[]  NOT NULL DEFAULT '{}',
    outputs      jsonb        NOT NULL DEFAULT '{}',
    submitted_by varchar(200),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX platform_requests_jobs_idx ON app.platform_requests USING gin (job_ids);
CREATE INDEX platform_requests_unpublish_idx ON app.platform_requests USING gin (unpublish_job_ids);
CREATE INDEX platform_requests_ddh_idx ON app.platform_requests (dataset_id, resource_id, version_id);
