CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` integer NOT NULL,
	`stop_id` integer NOT NULL,
	`depot_id` text NOT NULL,
	`facility_id` text NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`outcome` text NOT NULL,
	`refusal_code` text,
	`refusal_message` text,
	`skip_reason` text,
	`recipient` text,
	`signature_png` text,
	`arrived_at` text,
	`departed_at` text,
	`lat` real,
	`lon` real,
	`accuracy_m` integer,
	`accepted_units` integer DEFAULT 0 NOT NULL,
	`rejected_units` integer DEFAULT 0 NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `route_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stop_id`) REFERENCES `route_stops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliveries_plan_idx` ON `deliveries` (`plan_id`);--> statement-breakpoint
CREATE INDEX `deliveries_depot_idx` ON `deliveries` (`depot_id`,`recorded_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_one_applied_per_stop` ON `deliveries` (`stop_id`) WHERE "deliveries"."outcome" = 'applied';--> statement-breakpoint
CREATE TABLE `delivery_returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` text NOT NULL,
	`depot_id` text NOT NULL,
	`facility_id` text NOT NULL,
	`order_id` integer NOT NULL,
	`order_line_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`funding_source` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text,
	`qty_units` integer NOT NULL,
	`received_qty_units` integer,
	`received_at` text,
	`received_by` integer,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "delivery_returns_qty" CHECK("delivery_returns"."qty_units" > 0 and coalesce("delivery_returns"."received_qty_units", 0) between 0 and "delivery_returns"."qty_units")
);
--> statement-breakpoint
CREATE INDEX `delivery_returns_depot_idx` ON `delivery_returns` (`depot_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `delivery_returns_delivery_idx` ON `delivery_returns` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `depot_vehicles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` text NOT NULL,
	`name` text NOT NULL,
	`plate` text NOT NULL,
	`capacity_kg` integer NOT NULL,
	`capacity_l` integer NOT NULL,
	`cold_box` integer NOT NULL,
	`cost_per_km_xof` integer NOT NULL,
	`shift_start_s` integer,
	`shift_end_s` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `depot_vehicles_plate_idx` ON `depot_vehicles` (`depot_id`,`plate`);--> statement-breakpoint
ALTER TABLE `route_plan_vehicles` ADD `fleet_vehicle_id` integer;--> statement-breakpoint
ALTER TABLE `route_plan_vehicles` ADD `plate` text;