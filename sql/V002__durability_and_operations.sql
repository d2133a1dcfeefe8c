-- Janitor runs, operator actions and runtime concurrency caps.

CREATE TABLE app.janitor_runs (
    run_id        bigserial    PRIMARY KEY,
    trigger       varchar(20)  NOT NULL,             -- schedule | manual
    started_at    timestamptz  NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    duration_ms   bigint,
    status        varchar(20)  NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
    items_fixed   int          NOT NULL DEFAULT 0,
    actions       jsonb        NOT NULL DEFAULT '{}',
    error_details text
);
CREATE INDEX janitor_runs_started_idx ON app.janitor_runs (started_at DESC);

-- Operator verbs that are not about one job (pause/resume a queue, concurrency caps).
-- Verbs about a job are recorded in app.job_events as well.
CREATE TABLE app.operator_actions (
    action_id   bigserial    PRIMARY KEY,
    action      varchar(40)  NOT NULL,
    target      varchar(200) NOT NULL,
    details     jsonb        NOT NULL DEFAULT '{}',
    created_at  timestamptz  NOT NULL DEFAULT now()
);

-- A cap on how many tasks of one type run at once across every worker.
CREATE TABLE app.task_type_limits (
    task_type       varchar(100) PRIMARY KEY,
    max_concurrency int          NOT NULL CHECK (max_concurrency >= 0),
    updated_at      timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX tasks_lease_idx ON app.tasks (lease_expires_at) WHERE status = 'processing';
CREATE INDEX tasks_running_type_idx ON app.tasks (task_type) WHERE status = 'processing';
