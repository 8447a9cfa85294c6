CREATE TABLE `period_closes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` text NOT NULL,
	`period` text NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` integer,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `period_closes_facility_period` ON `period_closes` (`facility_id`,`period`);--> statement-breakpoint
CREATE TABLE `stock_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` text NOT NULL,
	`product_id` integer NOT NULL,
	`counted_at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`batch_id` text NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_counts_facility_product_idx` ON `stock_counts` (`facility_id`,`product_id`,`counted_at`);--> statement-breakpoint
CREATE TABLE `stock_transfer_lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`qty` integer NOT NULL,
	`accepted_qty` integer,
	`rejected_qty` integer,
	`rejection_reason` text,
	FOREIGN KEY (`transfer_id`) REFERENCES `stock_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfer_lots_qty" CHECK("stock_transfer_lots"."qty" > 0),
	CONSTRAINT "transfer_lots_receipt" CHECK(("stock_transfer_lots"."accepted_qty" is null and "stock_transfer_lots"."rejected_qty" is null) or ("stock_transfer_lots"."accepted_qty" >= 0 and "stock_transfer_lots"."rejected_qty" >= 0 and "stock_transfer_lots"."accepted_qty" + "stock_transfer_lots"."rejected_qty" = "stock_transfer_lots"."qty"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_lots_key` ON `stock_transfer_lots` (`transfer_id`,`lot_id`);--> statement-breakpoint
CREATE TABLE `stock_transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_facility_id` text NOT NULL,
	`to_facility_id` text NOT NULL,
	`product_id` integer NOT NULL,
	`funding_source` text NOT NULL,
	`status` text NOT NULL,
	`sent_at` text NOT NULL,
	`sent_by` integer,
	`sent_batch_id` text NOT NULL,
	`received_at` text,
	`received_by` integer,
	`received_batch_id` text,
	`reference` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`from_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`funding_source`) REFERENCES `funding_sources`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfers_two_facilities" CHECK("stock_transfers"."from_facility_id" <> "stock_transfers"."to_facility_id"),
	CONSTRAINT "transfers_received" CHECK(("stock_transfers"."status" = 'received') = ("stock_transfers"."received_at" is not null and "stock_transfers"."received_batch_id" is not null))
);
--> statement-breakpoint
CREATE INDEX `transfers_from_idx` ON `stock_transfers` (`from_facility_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfers_to_idx` ON `stock_transfers` (`to_facility_id`,`status`);--> statement-breakpoint
ALTER TABLE `stock_movements` ADD `corrects_movement_id` integer;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD `corrects_report_line_id` integer;