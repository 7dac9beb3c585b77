-- Room-aware routing between cluster nodes, and forwarding of requests to the node holding a session.
-- Each node records the rooms in which it holds at least one socket (inserted before the first socket's join
-- completes, deleted after its last leave); a publisher notifies only the nodes that hold a target room, each on its
-- own channel `chat_node_<node_id>`. A dead node's rows go with its `cluster_nodes` row (heartbeat expiry).
CREATE TABLE cluster_rooms (
    namespace  text NOT NULL,
    room       text NOT NULL,
    node_id    text NOT NULL,
    PRIMARY KEY (namespace, room, node_id)
);
CREATE INDEX cluster_rooms_node ON cluster_rooms (node_id);

-- The base URL (`http://host:port`) at which a node serves Engine.IO, for forwarding its sessions' requests.
ALTER TABLE cluster_nodes ADD COLUMN address text;
