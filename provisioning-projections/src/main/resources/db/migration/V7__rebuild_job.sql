-- Rebuilds as the node running them reports them: progress while one runs, then its outcome and verification. Read
-- by every node (behind a load balancer the next request may reach another one) and after a restart.
CREATE TABLE rebuild_job (
    rebuild_id  VARCHAR(64)      PRIMARY KEY,
    status      VARCHAR(16)      NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    progress    VARCHAR(1000000) NOT NULL
);
CREATE INDEX ix_rebuild_job_status ON rebuild_job (status, started_at);
