DROP TRIGGER data_version_stock_movements_insert;
--> statement-breakpoint
DROP TRIGGER data_version_stock_movements_update;
--> statement-breakpoint
DROP TRIGGER data_version_stock_movements_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_movements_insert AFTER INSERT ON stock_movements
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v UNION SELECT NEW.counterparty_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_movements_update AFTER UPDATE ON stock_movements
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT OLD.counterparty_id AS v UNION SELECT NEW.facility_id AS v UNION SELECT NEW.counterparty_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_movements_delete AFTER DELETE ON stock_movements
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT OLD.counterparty_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
