CREATE TABLE `districts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`region_id` text NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `districts_region_idx` ON `districts` (`region_id`);--> statement-breakpoint
CREATE TABLE `facilities` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`region_id` text NOT NULL,
	`district_id` text,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`opens_at` text DEFAULT '08:00' NOT NULL,
	`closes_at` text DEFAULT '16:00' NOT NULL,
	`rainy_season_access` text DEFAULT 'all_year' NOT NULL,
	`insecure` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`derivation_note` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "facilities_lat_range" CHECK("facilities"."lat" between -90 and 90),
	CONSTRAINT "facilities_lon_range" CHECK("facilities"."lon" between -180 and 180)
);
--> statement-breakpoint
CREATE INDEX `facilities_level_idx` ON `facilities` (`level`);--> statement-breakpoint
CREATE INDEX `facilities_region_idx` ON `facilities` (`region_id`);--> statement-breakpoint
CREATE INDEX `facilities_district_idx` ON `facilities` (`district_id`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`capital` text NOT NULL,
	`capital_lat` real NOT NULL,
	`capital_lon` real NOT NULL,
	`boundary_geojson` text,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `supply_lines` (
	`facility_id` text NOT NULL,
	`programme_code` text NOT NULL,
	`supplier_id` text NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supply_lines_pk` ON `supply_lines` (`facility_id`,`programme_code`);--> statement-breakpoint
CREATE INDEX `supply_lines_supplier_idx` ON `supply_lines` (`supplier_id`);--> statement-breakpoint
CREATE TABLE `funding_sources` (
	`code` text PRIMARY KEY NOT NULL,
	`name_fr` text NOT NULL,
	`name_en` text NOT NULL,
	`programme_code` text NOT NULL,
	FOREIGN KEY (`programme_code`) REFERENCES `programmes`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`generic_name` text NOT NULL,
	`form` text NOT NULL,
	`strength` text NOT NULL,
	`base_unit` text NOT NULL,
	`pack_size` integer NOT NULL,
	`pack_rounding_threshold` integer NOT NULL,
	`round_to_zero` integer NOT NULL,
	`ven` text NOT NULL,
	`programme_code` text NOT NULL,
	`category` text NOT NULL,
	`cold_chain` integer NOT NULL,
	`price_per_pack_xof` integer NOT NULL,
	`pack_weight_g` integer NOT NULL,
	`pack_volume_cm3` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`programme_code`) REFERENCES `programmes`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "products_pack_size_pos" CHECK("products"."pack_size" > 0),
	CONSTRAINT "products_threshold_range" CHECK("products"."pack_rounding_threshold" >= 0 and "products"."pack_rounding_threshold" < "products"."pack_size"),
	CONSTRAINT "products_price_nonneg" CHECK("products"."price_per_pack_xof" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_unique` ON `products` (`code`);--> statement-breakpoint
CREATE INDEX `products_programme_idx` ON `products` (`programme_code`);--> statement-breakpoint
CREATE TABLE `programmes` (
	`code` text PRIMARY KEY NOT NULL,
	`name_fr` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stock_policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`level` text NOT NULL,
	`facility_id` text,
	`programme_code` text,
	`product_id` integer,
	`rule` text NOT NULL,
	`max_months` real NOT NULL,
	`min_months` real NOT NULL,
	`eop_months` real,
	`review_period_months` integer NOT NULL,
	`lead_time_days` integer NOT NULL,
	CONSTRAINT "stock_policies_min_le_max" CHECK("stock_policies"."min_months" <= "stock_policies"."max_months")
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response_json` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`lot_code` text NOT NULL,
	`expiry` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lots_identity` ON `lots` (`product_id`,`lot_code`,`expiry`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stock_balances` (
	`facility_id` text NOT NULL,
	`lot_id` integer NOT NULL,
	`funding_source` text NOT NULL,
	`product_id` integer NOT NULL,
	`qty_on_hand` integer NOT NULL,
	`last_movement_id` integer NOT NULL,
	PRIMARY KEY(`facility_id`, `lot_id`, `funding_source`),
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`funding_source`) REFERENCES `funding_sources`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "balances_nonneg" CHECK("stock_balances"."qty_on_hand" >= 0)
);
--> statement-breakpoint
CREATE INDEX `balances_facility_product_idx` ON `stock_balances` (`facility_id`,`product_id`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` text NOT NULL,
	`product_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`funding_source` text NOT NULL,
	`type` text NOT NULL,
	`reason` text,
	`qty_delta` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`occurred_at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`counterparty_id` text,
	`batch_id` text NOT NULL,
	`reference` text,
	`note` text,
	`user_id` integer,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`funding_source`) REFERENCES `funding_sources`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counterparty_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "movements_nonzero" CHECK("stock_movements"."qty_delta" <> 0),
	CONSTRAINT "movements_balance_nonneg" CHECK("stock_movements"."balance_after" >= 0),
	CONSTRAINT "movements_sign" CHECK(("stock_movements"."type" in ('receipt','transfer_in') and "stock_movements"."qty_delta" > 0) or ("stock_movements"."type" in ('issue','transfer_out') and "stock_movements"."qty_delta" < 0) or "stock_movements"."type" = 'adjustment'),
	CONSTRAINT "movements_reason" CHECK(("stock_movements"."type" = 'adjustment') = ("stock_movements"."reason" is not null))
);
--> statement-breakpoint
CREATE INDEX `movements_card_idx` ON `stock_movements` (`facility_id`,`product_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `movements_batch_idx` ON `stock_movements` (`batch_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`username` text,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text,
	`before_json` text,
	`after_json` text,
	`client_ip` text,
	`user_agent` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_object_idx` ON `audit_log` (`object_type`,`object_id`);--> statement-breakpoint
CREATE INDEX `audit_user_idx` ON `audit_log` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`username` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`scope_region_id` text,
	`scope_district_id` text,
	`scope_facility_id` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);