CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`from_status` text,
	`to_status` text NOT NULL,
	`changes` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`);--> statement-breakpoint
CREATE TABLE `order_line_lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_line_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`picked_qty` integer NOT NULL,
	`shipped_qty` integer DEFAULT 0 NOT NULL,
	`accepted_qty` integer,
	`rejected_qty` integer,
	`rejection_reason` text,
	FOREIGN KEY (`order_line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_line_lots_pod" CHECK(coalesce("order_line_lots"."accepted_qty", 0) + coalesce("order_line_lots"."rejected_qty", 0) <= "order_line_lots"."shipped_qty")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_line_lots_key` ON `order_line_lots` (`order_line_id`,`lot_id`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`funding_source` text NOT NULL,
	`amc` integer NOT NULL,
	`stock_on_hand` integer NOT NULL,
	`in_transit` integer NOT NULL,
	`months_of_stock` real,
	`emergency` integer NOT NULL,
	`suggested_qty` integer NOT NULL,
	`explanation` text NOT NULL,
	`requested_qty` integer NOT NULL,
	`approved_qty` integer,
	`approval_reason` text,
	`shipped_qty` integer DEFAULT 0 NOT NULL,
	`accepted_qty` integer DEFAULT 0 NOT NULL,
	`rejected_qty` integer DEFAULT 0 NOT NULL,
	`shortfall_qty` integer DEFAULT 0 NOT NULL,
	`shortfall_action` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`funding_source`) REFERENCES `funding_sources`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_lines_qty_nonneg" CHECK("order_lines"."requested_qty" >= 0 and coalesce("order_lines"."approved_qty", 0) >= 0 and "order_lines"."shipped_qty" >= 0),
	CONSTRAINT "order_lines_pod" CHECK("order_lines"."accepted_qty" + "order_lines"."rejected_qty" <= "order_lines"."shipped_qty")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_key` ON `order_lines` (`order_id`,`product_id`,`funding_source`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` text NOT NULL,
	`supplier_id` text NOT NULL,
	`period` text NOT NULL,
	`flow` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`report_id` integer,
	`parent_order_id` integer,
	`budget_xof` integer,
	`submitted_by` integer,
	`approved_by` integer,
	`rejection_reason` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `stock_reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_facility_idx` ON `orders` (`facility_id`,`period`);--> statement-breakpoint
CREATE INDEX `orders_supplier_idx` ON `orders` (`supplier_id`,`status`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `orders` (`status`);--> statement-breakpoint
CREATE TABLE `stock_report_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`funding_source` text NOT NULL,
	`days` integer NOT NULL,
	`opening` integer NOT NULL,
	`received` integer NOT NULL,
	`consumed` integer NOT NULL,
	`adjustments` integer NOT NULL,
	`adjustments_by_reason` text DEFAULT '{}' NOT NULL,
	`closing` integer NOT NULL,
	`stockout_days` integer NOT NULL,
	`mismatch` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `stock_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`funding_source`) REFERENCES `funding_sources`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "report_lines_nonneg" CHECK("stock_report_lines"."opening" >= 0 and "stock_report_lines"."received" >= 0 and "stock_report_lines"."consumed" >= 0 and "stock_report_lines"."closing" >= 0),
	CONSTRAINT "report_lines_stockout_days" CHECK("stock_report_lines"."stockout_days" >= 0 and "stock_report_lines"."stockout_days" <= "stock_report_lines"."days")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_report_lines_key` ON `stock_report_lines` (`report_id`,`product_id`,`funding_source`);--> statement-breakpoint
CREATE TABLE `stock_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`due_date` text NOT NULL,
	`submitted_at` text,
	`submitted_by` integer,
	`on_time` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_reports_facility_period` ON `stock_reports` (`facility_id`,`period`);--> statement-breakpoint
CREATE INDEX `stock_reports_period_idx` ON `stock_reports` (`period`,`status`);--> statement-breakpoint
CREATE INDEX `movements_counterparty_idx` ON `stock_movements` (`counterparty_id`,`occurred_at`);