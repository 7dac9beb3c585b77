-- Cluster adapter (CLUSTER_ADAPTER=postgres).
-- Room operations go between server nodes by NOTIFY; a payload too large for NOTIFY (8000 bytes) is stored here and
-- the notification carries its id. Rows are read within moments and deleted after five minutes by the publishers.
CREATE TABLE cluster_payloads (
    id          bigserial PRIMARY KEY,
    payload     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cluster_payloads_created ON cluster_payloads (created_at);

-- Live nodes (heartbeats) and which of them have each user connected, so presence is announced for the cluster.
CREATE TABLE cluster_nodes (
    node_id  text PRIMARY KEY,
    seen_at  timestamptz NOT NULL
);
CREATE TABLE cluster_presence (
    user_id  uuid NOT NULL,
    node_id  text NOT NULL,
    PRIMARY KEY (user_id, node_id)
);
CREATE INDEX cluster_presence_node ON cluster_presence (node_id);
