-- Indexes webhook_deliveries by the time of its newest attempt, for retention (Webhooks:DeliveryRetentionDays).
-- WebhookDeliveryRetention deletes the oldest delivered or failed rows first, 1,000 per statement,
-- with exactly this expression and condition: each batch reads the start of this index instead of
-- the whole table. Pending rows (the live retry state of a stream) are never deleted, so they are
-- left out of the index.
create index webhook_deliveries_retention_idx on webhook_deliveries ((coalesce(last_attempt_at, first_attempt_at, delivered_at)))
    where status <> 'pending';
