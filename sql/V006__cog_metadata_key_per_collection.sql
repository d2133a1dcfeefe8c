-- A COG's id is its STAC item id, and item ids are unique only within their collection: two
-- collections may both hold "dem" or "srtm-r000-c000". Keyed on the id alone, publishing one of
-- them took over the other's row (moving it between collections). Key it per collection.
ALTER TABLE app.cog_metadata DROP CONSTRAINT cog_metadata_pkey;
ALTER TABLE app.cog_metadata ADD PRIMARY KEY (stac_collection_id, cog_id);
DROP INDEX app.cog_metadata_collection_idx; -- the key's leading column serves it
