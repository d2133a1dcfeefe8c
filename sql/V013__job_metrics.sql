-- Progress snapshots of running jobs, taken every geoetl.metrics.snapshot-interval while a job runs
-- (and once more when it ends) and kept geoetl.metrics.retention: what /api/metrics/active and
-- the dashboard's rate history read. The smoothed rate of the next snapshot is computed from the
-- previous one, so a restart of the service continues the curve instead of starting it again.
CREATE TABLE app.job_metrics (
    job_id                varchar(64)      NOT NULL REFERENCES app.jobs (job_id) ON DELETE CASCADE,
    taken_at              timestamptz      NOT NULL,
    status                varchar(20)      NOT NULL,
    stage                 int              NOT NULL,
    total_tasks           bigint           NOT NULL,
    completed_tasks       bigint           NOT NULL,
    failed_tasks          bigint           NOT NULL,
    processing_tasks      bigint           NOT NULL,
    queued_tasks          bigint           NOT NULL,
    progress_pct          double precision NOT NULL,
    rate_per_min          double precision NOT NULL,
    rate_smoothed_per_min double precision NOT NULL,
    eta_seconds           double precision,
    error_rate            double precision NOT NULL,
    PRIMARY KEY (job_id, taken_at)
);
CREATE INDEX job_metrics_taken_idx ON app.job_metrics (taken_at);

-- the rate window counts tasks completed recently: only completed rows carry completed_at
CREATE INDEX tasks_job_completed_idx ON app.tasks (parent_job_id, completed_at) WHERE status = 'completed';
