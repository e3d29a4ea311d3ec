-- The control plane's store (docs/cluster.md#the-control-plane). Times are UTC instants written by the control
-- plane's clock; digests are 'sha256:<hex>' as config.digest.PlanDigest writes them.

-- A plan: a configuration bundle, content-addressed by its plan digest, kept forever.
CREATE TABLE plans (
    digest      TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT NOT NULL
);

-- The bundle's files: relative path -> UTF-8 text.
CREATE TABLE plan_files (
    digest  TEXT NOT NULL REFERENCES plans (digest),
    path    TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (digest, path)
);

-- The change records (with their approvals) a bundle carries in its changeControl directory, as read when it was
-- submitted; the files themselves stay in plan_files.
CREATE TABLE change_records (
    digest      TEXT NOT NULL REFERENCES plans (digest),
    path        TEXT NOT NULL,
    change_id   TEXT NOT NULL,
    from_digest TEXT NOT NULL,
    to_digest   TEXT NOT NULL,
    author      TEXT NOT NULL,
    risk        TEXT NOT NULL,
    expires     TIMESTAMPTZ NOT NULL,
    approvers   TEXT NOT NULL,
    PRIMARY KEY (digest, path)
);

-- Promotions: version n made plan digest current. The current version is the highest.
CREATE TABLE promotions (
    version     BIGINT PRIMARY KEY,
    digest      TEXT NOT NULL REFERENCES plans (digest),
    promoted_at TIMESTAMPTZ NOT NULL,
    promoted_by TEXT NOT NULL,
    gate        TEXT NOT NULL
);

-- Each node as of its last heartbeat.
CREATE TABLE nodes (
    node_id    TEXT PRIMARY KEY,
    digest     TEXT NOT NULL,
    ready      BOOLEAN NOT NULL,
    not_ready  TEXT,
    started_at TIMESTAMPTZ,
    counters   TEXT NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    last_seen  TIMESTAMPTZ NOT NULL
);

-- Every heartbeat (the last day's are kept).
CREATE TABLE heartbeats (
    id        BIGSERIAL PRIMARY KEY,
    node_id   TEXT NOT NULL REFERENCES nodes (node_id),
    at        TIMESTAMPTZ NOT NULL,
    digest    TEXT NOT NULL,
    ready     BOOLEAN NOT NULL,
    not_ready TEXT,
    counters  TEXT NOT NULL
);
CREATE INDEX heartbeats_node_at ON heartbeats (node_id, at);

-- What each node served: one row per run of heartbeats with the same digest.
CREATE TABLE node_served (
    id        BIGSERIAL PRIMARY KEY,
    node_id   TEXT NOT NULL REFERENCES nodes (node_id),
    digest    TEXT NOT NULL,
    from_time TIMESTAMPTZ NOT NULL,
    to_time   TIMESTAMPTZ NOT NULL
);
CREATE INDEX node_served_node ON node_served (node_id, id);

-- The public key a node's audit checkpoints must verify with: pinned by its first checkpoint or by an operator.
CREATE TABLE node_keys (
    node_id    TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    pinned_at  TIMESTAMPTZ NOT NULL,
    pinned_by  TEXT NOT NULL
);

-- Accepted audit checkpoints, oldest first; each is consistent with the one before it.
CREATE TABLE checkpoints (
    id          BIGSERIAL PRIMARY KEY,
    node_id     TEXT NOT NULL REFERENCES node_keys (node_id),
    tree_size   BIGINT NOT NULL,
    root_hash   TEXT NOT NULL,
    checkpoint  TEXT NOT NULL,
    accepted_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX checkpoints_node ON checkpoints (node_id, id);

-- Checkpoints refused (wrong key, bad signature, inconsistent with the accepted history), with the reason.
CREATE TABLE refused_checkpoints (
    id          BIGSERIAL PRIMARY KEY,
    node_id     TEXT NOT NULL,
    checkpoint  TEXT NOT NULL,
    consistency TEXT NOT NULL,
    reason      TEXT NOT NULL,
    caller      TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX refused_checkpoints_node ON refused_checkpoints (node_id, id);
