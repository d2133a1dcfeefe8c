-- process_raster re-runs and tiling: what each COG was made from and how, so that a re-run with
-- overwrite can decide no-change / metadata-only / full reprocess, and the tiles of one large
-- raster can be found as a set.
ALTER TABLE app.cog_metadata
    ADD COLUMN source_checksum text,
    ADD COLUMN processing      jsonb,
    ADD COLUMN tile_set        text;

CREATE INDEX cog_metadata_tile_set_idx ON app.cog_metadata (stac_collection_id, tile_set) WHERE tile_set IS NOT NULL;
