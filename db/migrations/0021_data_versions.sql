CREATE TABLE `data_versions` (
	`scope` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER data_version_stock_movements_insert AFTER INSERT ON stock_movements
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_movements_update AFTER UPDATE ON stock_movements
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_movements_delete AFTER DELETE ON stock_movements
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_balances_insert AFTER INSERT ON stock_balances
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_balances_update AFTER UPDATE ON stock_balances
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_balances_delete AFTER DELETE ON stock_balances
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_counts_insert AFTER INSERT ON stock_counts
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_counts_update AFTER UPDATE ON stock_counts
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_counts_delete AFTER DELETE ON stock_counts
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_period_closes_insert AFTER INSERT ON period_closes
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_period_closes_update AFTER UPDATE ON period_closes
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_period_closes_delete AFTER DELETE ON period_closes
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_imported_history_insert AFTER INSERT ON imported_history
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_imported_history_update AFTER UPDATE ON imported_history
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_imported_history_delete AFTER DELETE ON imported_history
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_pipeline_shipments_insert AFTER INSERT ON pipeline_shipments
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_pipeline_shipments_update AFTER UPDATE ON pipeline_shipments
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_pipeline_shipments_delete AFTER DELETE ON pipeline_shipments
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_dhis2_org_units_insert AFTER INSERT ON dhis2_org_units
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_dhis2_org_units_update AFTER UPDATE ON dhis2_org_units
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_dhis2_org_units_delete AFTER DELETE ON dhis2_org_units
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_reports_insert AFTER INSERT ON stock_reports
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_reports_update AFTER UPDATE ON stock_reports
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_reports_delete AFTER DELETE ON stock_reports
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_report_lines_insert AFTER INSERT ON stock_report_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM stock_reports WHERE id = NEW.report_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_report_lines_update AFTER UPDATE ON stock_report_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM stock_reports WHERE id = OLD.report_id) AS v UNION SELECT (SELECT facility_id FROM stock_reports WHERE id = NEW.report_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_report_lines_delete AFTER DELETE ON stock_report_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM stock_reports WHERE id = OLD.report_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_orders_insert AFTER INSERT ON orders
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v UNION SELECT NEW.supplier_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_orders_update AFTER UPDATE ON orders
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT OLD.supplier_id AS v UNION SELECT NEW.facility_id AS v UNION SELECT NEW.supplier_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_orders_delete AFTER DELETE ON orders
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT OLD.supplier_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_lines_insert AFTER INSERT ON order_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = NEW.order_id) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = NEW.order_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_lines_update AFTER UPDATE ON order_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = OLD.order_id) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = OLD.order_id) AS v UNION SELECT (SELECT facility_id FROM orders WHERE id = NEW.order_id) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = NEW.order_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_lines_delete AFTER DELETE ON order_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = OLD.order_id) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = OLD.order_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_events_insert AFTER INSERT ON order_events
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = NEW.order_id) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = NEW.order_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_events_update AFTER UPDATE ON order_events
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = OLD.order_id) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = OLD.order_id) AS v UNION SELECT (SELECT facility_id FROM orders WHERE id = NEW.order_id) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = NEW.order_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_events_delete AFTER DELETE ON order_events
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = OLD.order_id) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = OLD.order_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_line_lots_insert AFTER INSERT ON order_line_lots
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = (SELECT order_id FROM order_lines WHERE id = NEW.order_line_id)) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = (SELECT order_id FROM order_lines WHERE id = NEW.order_line_id)) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_line_lots_update AFTER UPDATE ON order_line_lots
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = (SELECT order_id FROM order_lines WHERE id = OLD.order_line_id)) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = (SELECT order_id FROM order_lines WHERE id = OLD.order_line_id)) AS v UNION SELECT (SELECT facility_id FROM orders WHERE id = (SELECT order_id FROM order_lines WHERE id = NEW.order_line_id)) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = (SELECT order_id FROM order_lines WHERE id = NEW.order_line_id)) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_order_line_lots_delete AFTER DELETE ON order_line_lots
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT facility_id FROM orders WHERE id = (SELECT order_id FROM order_lines WHERE id = OLD.order_line_id)) AS v UNION SELECT (SELECT supplier_id FROM orders WHERE id = (SELECT order_id FROM order_lines WHERE id = OLD.order_line_id)) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_transfers_insert AFTER INSERT ON stock_transfers
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.from_facility_id AS v UNION SELECT NEW.to_facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_transfers_update AFTER UPDATE ON stock_transfers
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.from_facility_id AS v UNION SELECT OLD.to_facility_id AS v UNION SELECT NEW.from_facility_id AS v UNION SELECT NEW.to_facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_transfers_delete AFTER DELETE ON stock_transfers
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.from_facility_id AS v UNION SELECT OLD.to_facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_transfer_lots_insert AFTER INSERT ON stock_transfer_lots
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT from_facility_id FROM stock_transfers WHERE id = NEW.transfer_id) AS v UNION SELECT (SELECT to_facility_id FROM stock_transfers WHERE id = NEW.transfer_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_transfer_lots_update AFTER UPDATE ON stock_transfer_lots
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT from_facility_id FROM stock_transfers WHERE id = OLD.transfer_id) AS v UNION SELECT (SELECT to_facility_id FROM stock_transfers WHERE id = OLD.transfer_id) AS v UNION SELECT (SELECT from_facility_id FROM stock_transfers WHERE id = NEW.transfer_id) AS v UNION SELECT (SELECT to_facility_id FROM stock_transfers WHERE id = NEW.transfer_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_transfer_lots_delete AFTER DELETE ON stock_transfer_lots
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT from_facility_id FROM stock_transfers WHERE id = OLD.transfer_id) AS v UNION SELECT (SELECT to_facility_id FROM stock_transfers WHERE id = OLD.transfer_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_deliveries_insert AFTER INSERT ON deliveries
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.depot_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_deliveries_update AFTER UPDATE ON deliveries
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.depot_id AS v UNION SELECT OLD.facility_id AS v UNION SELECT NEW.depot_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_deliveries_delete AFTER DELETE ON deliveries
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.depot_id AS v UNION SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_delivery_returns_insert AFTER INSERT ON delivery_returns
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.depot_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_delivery_returns_update AFTER UPDATE ON delivery_returns
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.depot_id AS v UNION SELECT OLD.facility_id AS v UNION SELECT NEW.depot_id AS v UNION SELECT NEW.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_delivery_returns_delete AFTER DELETE ON delivery_returns
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.depot_id AS v UNION SELECT OLD.facility_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_plans_insert AFTER INSERT ON route_plans
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.depot_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_plans_update AFTER UPDATE ON route_plans
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.depot_id AS v UNION SELECT NEW.depot_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_plans_delete AFTER DELETE ON route_plans
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.depot_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_stops_insert AFTER INSERT ON route_stops
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = NEW.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_stops_update AFTER UPDATE ON route_stops
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = OLD.plan_id) AS v UNION SELECT NEW.facility_id AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = NEW.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_stops_delete AFTER DELETE ON route_stops
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = OLD.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_unassigned_insert AFTER INSERT ON route_unassigned
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.facility_id AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = NEW.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_unassigned_update AFTER UPDATE ON route_unassigned
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = OLD.plan_id) AS v UNION SELECT NEW.facility_id AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = NEW.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_unassigned_delete AFTER DELETE ON route_unassigned
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.facility_id AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = OLD.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_plan_vehicles_insert AFTER INSERT ON route_plan_vehicles
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT depot_id FROM route_plans WHERE id = NEW.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_plan_vehicles_update AFTER UPDATE ON route_plan_vehicles
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT depot_id FROM route_plans WHERE id = OLD.plan_id) AS v UNION SELECT (SELECT depot_id FROM route_plans WHERE id = NEW.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_route_plan_vehicles_delete AFTER DELETE ON route_plan_vehicles
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT (SELECT depot_id FROM route_plans WHERE id = OLD.plan_id) AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_depot_vehicles_insert AFTER INSERT ON depot_vehicles
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT NEW.depot_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_depot_vehicles_update AFTER UPDATE ON depot_vehicles
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.depot_id AS v UNION SELECT NEW.depot_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_depot_vehicles_delete AFTER DELETE ON depot_vehicles
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT OLD.depot_id AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_facilities_insert AFTER INSERT ON facilities
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_facilities_update AFTER UPDATE ON facilities
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_facilities_delete AFTER DELETE ON facilities
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_districts_insert AFTER INSERT ON districts
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_districts_update AFTER UPDATE ON districts
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_districts_delete AFTER DELETE ON districts
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_regions_insert AFTER INSERT ON regions
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_regions_update AFTER UPDATE ON regions
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_regions_delete AFTER DELETE ON regions
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_supply_lines_insert AFTER INSERT ON supply_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_supply_lines_update AFTER UPDATE ON supply_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_supply_lines_delete AFTER DELETE ON supply_lines
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_products_insert AFTER INSERT ON products
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_products_update AFTER UPDATE ON products
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_products_delete AFTER DELETE ON products
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_product_prices_insert AFTER INSERT ON product_prices
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_product_prices_update AFTER UPDATE ON product_prices
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_product_prices_delete AFTER DELETE ON product_prices
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_product_gtins_insert AFTER INSERT ON product_gtins
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_product_gtins_update AFTER UPDATE ON product_gtins
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_product_gtins_delete AFTER DELETE ON product_gtins
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_programmes_insert AFTER INSERT ON programmes
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_programmes_update AFTER UPDATE ON programmes
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_programmes_delete AFTER DELETE ON programmes
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_funding_sources_insert AFTER INSERT ON funding_sources
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_funding_sources_update AFTER UPDATE ON funding_sources
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_funding_sources_delete AFTER DELETE ON funding_sources
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_policies_insert AFTER INSERT ON stock_policies
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_policies_update AFTER UPDATE ON stock_policies
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_stock_policies_delete AFTER DELETE ON stock_policies
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_settings_insert AFTER INSERT ON settings
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_settings_update AFTER UPDATE ON settings
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_settings_delete AFTER DELETE ON settings
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_users_insert AFTER INSERT ON users
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_users_update AFTER UPDATE ON users
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_users_delete AFTER DELETE ON users
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_lots_update AFTER UPDATE ON lots
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER data_version_lots_delete AFTER DELETE ON lots
BEGIN
  INSERT INTO data_versions (scope, version) SELECT v, 1 FROM (SELECT '*' AS v) WHERE v IS NOT NULL
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
