-- Cluster adapter (CLUSTER_ADAPTER=postgres): room operations go between server nodes by NOTIFY; a payload too
-- large for NOTIFY (8000 bytes) is stored here and the notification carries its id. Rows are read within
-- moments and deleted after five minutes by the publishers.
CREATE TABLE cluster_payloads (
    id          bigserial PRIMARY KEY,
    payload     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cluster_payloads_created ON cluster_payloads (created_at);
