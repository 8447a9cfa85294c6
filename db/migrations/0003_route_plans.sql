CREATE TABLE `route_plan_vehicles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`name` text NOT NULL,
	`capacity_kg` integer NOT NULL,
	`capacity_l` integer NOT NULL,
	`cold_box` integer NOT NULL,
	`shift_start_s` integer NOT NULL,
	`shift_end_s` integer NOT NULL,
	`max_driving_s` integer,
	`cost_per_km_xof` integer NOT NULL,
	`fixed_cost_xof` integer NOT NULL,
	`driver_user_id` integer,
	`distance_m` integer DEFAULT 0 NOT NULL,
	`driving_s` integer DEFAULT 0 NOT NULL,
	`duration_s` integer DEFAULT 0 NOT NULL,
	`load_g` integer DEFAULT 0 NOT NULL,
	`load_ml` integer DEFAULT 0 NOT NULL,
	`cost_xof` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `route_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`driver_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `route_plan_vehicles_plan_idx` ON `route_plan_vehicles` (`plan_id`);--> statement-breakpoint
CREATE INDEX `route_plan_vehicles_driver_idx` ON `route_plan_vehicles` (`driver_user_id`);--> statement-breakpoint
CREATE TABLE `route_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` text NOT NULL,
	`date` text NOT NULL,
	`rainy_season` integer NOT NULL,
	`convoy` integer DEFAULT false NOT NULL,
	`exclude_insecure` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`road_model` text NOT NULL,
	`matrix_json` text NOT NULL,
	`violations_json` text DEFAULT '[]' NOT NULL,
	`total_distance_m` integer NOT NULL,
	`total_duration_s` integer NOT NULL,
	`total_cost_xof` integer NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `route_plans_depot_idx` ON `route_plans` (`depot_id`,`date`);--> statement-breakpoint
CREATE TABLE `route_stops` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`vehicle_id` integer NOT NULL,
	`position` integer NOT NULL,
	`facility_id` text NOT NULL,
	`shipment_id` text,
	`load_g` integer NOT NULL,
	`load_ml` integer NOT NULL,
	`cold_chain` integer NOT NULL,
	`service_s` integer NOT NULL,
	`window_start_s` integer NOT NULL,
	`window_end_s` integer NOT NULL,
	`arrival_s` integer NOT NULL,
	`eta_s` integer NOT NULL,
	`waiting_s` integer NOT NULL,
	`distance_from_prev_m` integer NOT NULL,
	`driving_from_prev_s` integer NOT NULL,
	`load_after_g` integer NOT NULL,
	`load_after_ml` integer NOT NULL,
	`insecure` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `route_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vehicle_id`) REFERENCES `route_plan_vehicles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "route_stops_loads_nonneg" CHECK("route_stops"."load_g" >= 0 and "route_stops"."load_ml" >= 0)
);
--> statement-breakpoint
CREATE INDEX `route_stops_vehicle_idx` ON `route_stops` (`vehicle_id`,`position`);--> statement-breakpoint
CREATE INDEX `route_stops_plan_idx` ON `route_stops` (`plan_id`);--> statement-breakpoint
CREATE TABLE `route_unassigned` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`facility_id` text NOT NULL,
	`shipment_id` text,
	`load_g` integer NOT NULL,
	`load_ml` integer NOT NULL,
	`cold_chain` integer NOT NULL,
	`service_s` integer NOT NULL,
	`insecure` integer NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `route_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `route_unassigned_plan_idx` ON `route_unassigned` (`plan_id`);