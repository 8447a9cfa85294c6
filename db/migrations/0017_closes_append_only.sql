-- The ledger's past is closed: a month's close and a physical count are never edited or removed (no reopening;
-- corrections are entries dated now), and a received transfer never goes back in transit.
CREATE TRIGGER period_closes_no_update BEFORE UPDATE ON period_closes
BEGIN
  SELECT RAISE(ABORT, 'period_closes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER period_closes_no_delete BEFORE DELETE ON period_closes
BEGIN
  SELECT RAISE(ABORT, 'period_closes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER stock_counts_no_update BEFORE UPDATE ON stock_counts
BEGIN
  SELECT RAISE(ABORT, 'stock_counts is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER stock_counts_no_delete BEFORE DELETE ON stock_counts
BEGIN
  SELECT RAISE(ABORT, 'stock_counts is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER stock_transfers_received_final BEFORE UPDATE ON stock_transfers
WHEN OLD.status = 'received'
BEGIN
  SELECT RAISE(ABORT, 'a received transfer is final');
END;
--> statement-breakpoint
CREATE TRIGGER stock_transfers_no_delete BEFORE DELETE ON stock_transfers
BEGIN
  SELECT RAISE(ABORT, 'stock_transfers are never deleted');
END;
