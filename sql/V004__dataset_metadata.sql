-- Typed metadata of published datasets (seed F7.8/F7.9): vector tables and COGs.
CREATE SCHEMA IF NOT EXISTS geo;

-- Service-facing description of each loaded table (seed geo.table_catalog).
CREATE TABLE geo.table_catalog (
    schema_name        varchar(63)  NOT NULL,
    table_name         varchar(63)  NOT NULL,
    title              varchar(500),
    description        text,
    keywords           text[]       NOT NULL DEFAULT '{}',
    license            varchar(100),
    attribution        varchar(500),
    bbox_minx          double precision, bbox_miny double precision,
    bbox_maxx          double precision, bbox_maxy double precision,
    temporal_start     timestamptz,
    temporal_end       timestamptz,
    geometry_type      varchar(50)  NOT NULL,
    primary_geometry   varchar(63)  NOT NULL DEFAULT 'geom',
    srid               int          NOT NULL DEFAULT 4326,
    feature_count      bigint       NOT NULL,
    stac_collection_id text         NOT NULL,
    stac_item_id       text         NOT NULL,
    column_definitions jsonb        NOT NULL DEFAULT '[]',
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (schema_name, table_name)
);

-- ETL lineage of each load (seed app.vector_etl_tracking): one row per (table, job).
CREATE TABLE app.vector_etl_tracking (
    schema_name         varchar(63)  NOT NULL,
    table_name          varchar(63)  NOT NULL,
    etl_job_id          varchar(64)  NOT NULL,
    source_file         text,
    source_format       varchar(50),
    source_crs          text,
    rows_read           bigint       NOT NULL,
    rows_written        bigint       NOT NULL,
    rows_rejected       bigint       NOT NULL,
    geometry_repairs    jsonb        NOT NULL DEFAULT '{}',
    processing_software text,
    status              varchar(20)  NOT NULL DEFAULT 'completed',
    created_at          timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (schema_name, table_name, etl_job_id),
    FOREIGN KEY (schema_name, table_name) REFERENCES geo.table_catalog ON DELETE CASCADE
);

-- One row per COG (seed app.cog_metadata; cog_id = STAC item id).
CREATE TABLE app.cog_metadata (
    cog_id             text         PRIMARY KEY,
    container          varchar(63)  NOT NULL,
    blob_path          text         NOT NULL,
    cog_url            text         NOT NULL,
    width              int          NOT NULL,
    height             int          NOT NULL,
    band_count         int          NOT NULL,
    dtype              varchar(20)  NOT NULL,
    nodata             double precision,
    epsg               int,
    transform          double precision[] NOT NULL,
    resolution         double precision NOT NULL,
    bbox_minx          double precision, bbox_miny double precision,
    bbox_maxx          double precision, bbox_maxy double precision,
    temporal_start     timestamptz,
    temporal_end       timestamptz,
    compression        varchar(20),
    blocksize          int,
    overview_levels    int[]        NOT NULL DEFAULT '{}',
    raster_type        varchar(30),
    size_bytes         bigint       NOT NULL,
    checksum           text,
    band_info          jsonb        NOT NULL DEFAULT '[]',
    title              varchar(500),
    description        text,
    license            varchar(100),
    source_file        text,
    source_format      varchar(50),
    source_crs         text,
    stac_collection_id text         NOT NULL,
    stac_item_id       text         NOT NULL,
    etl_job_id         varchar(64),
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX cog_metadata_collection_idx ON app.cog_metadata (stac_collection_id);
CREATE INDEX cog_metadata_job_idx ON app.cog_metadata (etl_job_id) WHERE etl_job_id IS NOT NULL;
