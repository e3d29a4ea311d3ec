-- The address of each node's web console as its last heartbeat reported it (docs/console.md#cluster-mode); null when
-- the node reports none. The control plane's console relays only to these addresses.
ALTER TABLE nodes ADD COLUMN console TEXT;
