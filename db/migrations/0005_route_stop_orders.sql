ALTER TABLE `route_stops` ADD `order_ids` text;--> statement-breakpoint
ALTER TABLE `route_unassigned` ADD `order_ids` text;