-- One update-log row per curated_dataset_update job: its tasks (retried, redelivered) find and
-- finish that row instead of adding another.
CREATE UNIQUE INDEX curated_update_log_job ON app.curated_update_log (job_id);
