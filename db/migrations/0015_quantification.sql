CREATE TABLE `history_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`content_hash` text NOT NULL,
	`rows` integer NOT NULL,
	`inserted` integer NOT NULL,
	`replaced` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`first_period` text NOT NULL,
	`last_period` text NOT NULL,
	`facilities` integer NOT NULL,
	`products` integer NOT NULL,
	`user_id` integer,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `history_imports_created_idx` ON `history_imports` (`created_at`);--> statement-breakpoint
CREATE TABLE `imported_history` (
	`facility_id` text NOT NULL,
	`product_id` integer NOT NULL,
	`period` text NOT NULL,
	`opening` integer NOT NULL,
	`received` integer NOT NULL,
	`consumed` integer NOT NULL,
	`adjustments` integer NOT NULL,
	`closing` integer NOT NULL,
	`stockout_days` integer NOT NULL,
	`import_id` integer NOT NULL,
	PRIMARY KEY(`facility_id`, `product_id`, `period`),
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `history_imports`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "imported_history_nonneg" CHECK("imported_history"."opening" >= 0 and "imported_history"."received" >= 0 and "imported_history"."consumed" >= 0 and "imported_history"."closing" >= 0),
	CONSTRAINT "imported_history_stockout_days" CHECK("imported_history"."stockout_days" >= 0 and "imported_history"."stockout_days" <= 31)
);
--> statement-breakpoint
CREATE INDEX `imported_history_product_idx` ON `imported_history` (`product_id`,`period`);--> statement-breakpoint
CREATE TABLE `pipeline_shipments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` text NOT NULL,
	`product_id` integer NOT NULL,
	`supplier` text NOT NULL,
	`funding_source` text NOT NULL,
	`qty_units` integer NOT NULL,
	`expected_date` text NOT NULL,
	`status` text NOT NULL,
	`lot_code` text,
	`expiry` text,
	`cost_xof` integer,
	`reference` text,
	`note` text,
	`received_qty` integer,
	`received_at` text,
	`receipt_batch_ids` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`funding_source`) REFERENCES `funding_sources`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pipeline_qty_pos" CHECK("pipeline_shipments"."qty_units" > 0),
	CONSTRAINT "pipeline_cost_nonneg" CHECK("pipeline_shipments"."cost_xof" is null or "pipeline_shipments"."cost_xof" >= 0),
	CONSTRAINT "pipeline_received" CHECK(("pipeline_shipments"."status" = 'received') = ("pipeline_shipments"."received_at" is not null))
);
--> statement-breakpoint
CREATE INDEX `pipeline_product_idx` ON `pipeline_shipments` (`product_id`,`status`);--> statement-breakpoint
CREATE INDEX `pipeline_facility_idx` ON `pipeline_shipments` (`facility_id`,`status`);--> statement-breakpoint
CREATE TABLE `procurement_budgets` (
	`funding_source` text NOT NULL,
	`year` integer NOT NULL,
	`amount_xof` integer NOT NULL,
	`updated_by` integer,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`funding_source`, `year`),
	FOREIGN KEY (`funding_source`) REFERENCES `funding_sources`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "procurement_budgets_nonneg" CHECK("procurement_budgets"."amount_xof" >= 0)
);
--> statement-breakpoint
CREATE TABLE `quantification_scenarios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`settings` text NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quantification_scenarios_name` ON `quantification_scenarios` (`name`);