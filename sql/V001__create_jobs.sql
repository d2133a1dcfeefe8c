-- Engine state: jobs, their planned stages, tasks and the event timeline.
-- The database is the truth; broker messages only carry ids.
CREATE SCHEMA IF NOT EXISTS app;

CREATE TABLE app.jobs (
    job_id         varchar(64)  PRIMARY KEY,
    job_type       varchar(100) NOT NULL,
    parameters     jsonb        NOT NULL DEFAULT '{}',
    status         varchar(20)  NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
    -- current stage; 0 until stage 1 has been planned
    stage          int          NOT NULL DEFAULT 0,
    total_stages   int          NOT NULL,
    -- attempt history (error_history), submitter, resubmission marks
    metadata       jsonb        NOT NULL DEFAULT '{}',
    result_data    jsonb,
    error_details  text,
    attempt        int          NOT NULL DEFAULT 1,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    started_at     timestamptz,
    completed_at   timestamptz
);
CREATE INDEX jobs_status_idx     ON app.jobs (status);
CREATE INDEX jobs_type_idx       ON app.jobs (job_type);
CREATE INDEX jobs_created_at_idx ON app.jobs (created_at DESC);

-- One row per planned stage. remaining_tasks is the stage barrier's counter: a task completion
-- decrements it in the same statement that marks the task completed, under this row's lock, so
-- exactly one completion sees it reach zero (see StageBarrier).
CREATE TABLE app.job_stages (
    job_id          varchar(64)  NOT NULL REFERENCES app.jobs (job_id) ON DELETE CASCADE,
    stage           int          NOT NULL,
    stage_name      varchar(100) NOT NULL,
    task_type       varchar(100) NOT NULL,
    fan_out         varchar(200) NOT NULL,
    total_tasks     int          NOT NULL,
    remaining_tasks int          NOT NULL CHECK (remaining_tasks >= 0),
    status          varchar(20)  NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'completed')),
    planned_at      timestamptz  NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    PRIMARY KEY (job_id, stage)
);

CREATE TABLE app.tasks (
    task_id               varchar(64)  PRIMARY KEY,
    parent_job_id         varchar(64)  NOT NULL REFERENCES app.jobs (job_id) ON DELETE CASCADE,
    job_type              varchar(100) NOT NULL,
    task_type             varchar(100) NOT NULL,
    stage                 int          NOT NULL,
    stage_name            varchar(100) NOT NULL,
    task_index            int          NOT NULL,
    parameters            jsonb        NOT NULL DEFAULT '{}',
    status                varchar(20)  NOT NULL DEFAULT 'queued'
                          CHECK (status IN ('pending', 'queued', 'processing', 'completed', 'failed',
                                            'cancelled', 'interrupted')),
    result_data           jsonb,
    error_details         text,
    error_type            varchar(20),
    -- counted when a task starts, so an input that kills the worker still uses up attempts
    attempts              int          NOT NULL DEFAULT 0,
    max_attempts          int          NOT NULL DEFAULT 4,
    target_queue          varchar(100) NOT NULL,
    executed_by           varchar(200),
    last_pulse            timestamptz,
    lease_expires_at      timestamptz,
    next_attempt_at       timestamptz,
    checkpoint_phase      int          NOT NULL DEFAULT 0,
    checkpoint_data       jsonb        NOT NULL DEFAULT '{}',
    checkpoint_updated_at timestamptz,
    progress              jsonb,
    execution_started_at  timestamptz,
    completed_at          timestamptz,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    updated_at            timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX tasks_job_stage_idx ON app.tasks (parent_job_id, stage, task_index);
CREATE INDEX tasks_active_idx    ON app.tasks (status, updated_at)
    WHERE status IN ('pending', 'queued', 'processing', 'interrupted');

CREATE TABLE app.job_events (
    event_id      bigserial    PRIMARY KEY,
    job_id        varchar(64)  NOT NULL REFERENCES app.jobs (job_id) ON DELETE CASCADE,
    task_id       varchar(64),
    stage         int,
    event_type    varchar(40)  NOT NULL,
    event_status  varchar(10)  NOT NULL DEFAULT 'info'
                  CHECK (event_status IN ('success', 'failure', 'warning', 'info', 'pending')),
    event_data    jsonb        NOT NULL DEFAULT '{}',
    error_message text,
    duration_ms   bigint,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX job_events_job_idx  ON app.job_events (job_id, event_id);
CREATE INDEX job_events_type_idx ON app.job_events (event_type);
