-- A notification for a till not enrolled yet (`unroutable`) keeps what would have been relayed, so the
-- till gets it when it enrolls (`webhooks::record::relay_kept`): a store that sets up Central while
-- orders are open loses none of their events.
ALTER TABLE webhook ADD COLUMN payload jsonb;
CREATE INDEX webhook_unroutable ON webhook (store_code, reference) WHERE verdict = 'unroutable';
-- Old notifications are purged (setting `webhook_retention_days`): by store and time.
CREATE INDEX webhook_by_time ON webhook (store_code, received_at);
CREATE INDEX relay_event_by_time ON relay_event (store_code, received_at);
