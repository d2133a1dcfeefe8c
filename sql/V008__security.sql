-- Security: API keys (only hashes), the audit trail, and who uploaded each blob through the API.

CREATE TABLE app.api_keys (
    key_id       text PRIMARY KEY,                       -- public handle, e.g. for DELETE
    key_hash     text NOT NULL UNIQUE,                   -- SHA-256 of the whole key, hex
    key_prefix   text NOT NULL,                          -- first characters, to recognise a key in a list
    owner        text NOT NULL,
    roles        text[] NOT NULL,
    description  text,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz,
    CONSTRAINT api_keys_roles_check CHECK (roles <@ ARRAY['reader','submitter','approver','operator','admin']::text[])
);

CREATE TABLE app.audit_log (
    audit_id    bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    principal   text,                                    -- NULL when the caller was not identified
    auth_kind   text,                                    -- api_key | token | NULL
    roles       text[] NOT NULL DEFAULT '{}',
    method      text NOT NULL,
    path        text NOT NULL,
    target_ids  text[] NOT NULL DEFAULT '{}',
    status      integer NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
    error_id    text,
    remote_addr text
);
CREATE INDEX audit_log_at ON app.audit_log (at DESC);
CREATE INDEX audit_log_principal ON app.audit_log (principal, at DESC);

CREATE TABLE app.blob_uploads (
    account     text NOT NULL,
    container   text NOT NULL,
    name        text NOT NULL,
    owner       text NOT NULL,
    uploaded_at timestamptz NOT NULL,
    PRIMARY KEY (account, container, name)
);
