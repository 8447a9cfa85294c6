CREATE TABLE `product_prices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`price_per_pack_xof` integer NOT NULL,
	`valid_from` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "product_prices_nonneg" CHECK("product_prices"."price_per_pack_xof" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_prices_product_date` ON `product_prices` (`product_id`,`valid_from`);--> statement-breakpoint
ALTER TABLE `facilities` ADD `code` text;--> statement-breakpoint
ALTER TABLE `facilities` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `facilities` ADD `closed_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `facilities_code_unique` ON `facilities` (`code`);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `price_per_pack_xof` integer;