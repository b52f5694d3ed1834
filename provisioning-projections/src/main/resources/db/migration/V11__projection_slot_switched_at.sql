-- When a rebuild last switched a read model's live slot. On a database shared by several nodes, a node uses the live
-- slot it has read for a moment: every node's writes wait until that moment has passed since the switch, even when the
-- node that switched stopped before it let them go.
ALTER TABLE projection_slot ADD COLUMN switched_at TIMESTAMP WITH TIME ZONE;
