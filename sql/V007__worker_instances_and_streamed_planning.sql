-- Worker instances: one row per running service process, with its own heartbeat. When an
-- instance misses its heartbeats, every task it held is re-queued at once, whatever the task's
-- lease says; a restarted process releases what its previous incarnation on the same host held.
CREATE TABLE app.worker_instances (
    instance_id    varchar(200) PRIMARY KEY,           -- pid@host/nonce, as in app.tasks.executed_by
    host           varchar(200) NOT NULL,
    pid            bigint       NOT NULL,
    roles          varchar(200) NOT NULL,
    status         varchar(20)  NOT NULL DEFAULT 'alive' CHECK (status IN ('alive', 'stopped', 'dead')),
    started_at     timestamptz  NOT NULL DEFAULT now(),
    last_heartbeat timestamptz  NOT NULL DEFAULT now(),
    ended_at       timestamptz,
    end_reason     text,
    tasks_released int          NOT NULL DEFAULT 0
);
CREATE INDEX worker_instances_alive_idx ON app.worker_instances (host, last_heartbeat) WHERE status = 'alive';

-- which processing tasks an instance holds (the reaper's question)
CREATE INDEX tasks_processing_by_idx ON app.tasks (executed_by) WHERE status = 'processing';

-- 'pending' was listed in every query but never written: tasks are born queued.
UPDATE app.tasks SET status = 'queued' WHERE status = 'pending';
ALTER TABLE app.tasks DROP CONSTRAINT tasks_status_check;
ALTER TABLE app.tasks ADD CONSTRAINT tasks_status_check
    CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled', 'interrupted'));
DROP INDEX app.tasks_active_idx;
CREATE INDEX tasks_active_idx ON app.tasks (status, updated_at)
    WHERE status IN ('queued', 'processing', 'interrupted');
