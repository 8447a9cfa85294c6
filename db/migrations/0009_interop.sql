CREATE TABLE `dhis2_data_elements` (
	`product_id` integer NOT NULL,
	`field` text NOT NULL,
	`data_element_uid` text NOT NULL,
	`category_option_combo_uid` text,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	PRIMARY KEY(`product_id`, `field`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dhis2_data_elements_de_idx` ON `dhis2_data_elements` (`data_element_uid`);--> statement-breakpoint
CREATE TABLE `dhis2_org_units` (
	`facility_id` text PRIMARY KEY NOT NULL,
	`org_unit_uid` text NOT NULL,
	`org_unit_code` text,
	`org_unit_name` text,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dhis2_org_units_org_unit_uid_unique` ON `dhis2_org_units` (`org_unit_uid`);--> statement-breakpoint
CREATE INDEX `dhis2_org_units_code_idx` ON `dhis2_org_units` (`org_unit_code`);--> statement-breakpoint
CREATE TABLE `dhis2_pushes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requested_at` text NOT NULL,
	`finished_at` text,
	`user_id` integer,
	`username` text,
	`period` text NOT NULL,
	`region_id` text,
	`district_id` text,
	`base_url` text NOT NULL,
	`dry_run` integer NOT NULL,
	`import_strategy` text NOT NULL,
	`payload_hash` text NOT NULL,
	`data_values` integer NOT NULL,
	`requests` integer NOT NULL,
	`state` text NOT NULL,
	`error_code` text,
	`http_status` integer,
	`summary_json` text,
	`repeat_of_push_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dhis2_pushes_hash_idx` ON `dhis2_pushes` (`payload_hash`,`base_url`);--> statement-breakpoint
CREATE INDEX `dhis2_pushes_period_idx` ON `dhis2_pushes` (`period`,`requested_at`);--> statement-breakpoint
CREATE TABLE `dhis2_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`base_url` text NOT NULL,
	`auth_kind` text NOT NULL,
	`username` text,
	`secret_sealed` text,
	`data_set_uid` text,
	`timeout_s` integer DEFAULT 30 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dhis2_settings_single_row" CHECK("dhis2_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `product_gtins` (
	`gtin` text PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`pack_level` text NOT NULL,
	`base_units_per_item` integer NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "product_gtins_gtin14" CHECK(length("product_gtins"."gtin") = 14 and "product_gtins"."gtin" not glob '*[^0-9]*'),
	CONSTRAINT "product_gtins_units_pos" CHECK("product_gtins"."base_units_per_item" > 0)
);
--> statement-breakpoint
CREATE INDEX `product_gtins_product_idx` ON `product_gtins` (`product_id`);