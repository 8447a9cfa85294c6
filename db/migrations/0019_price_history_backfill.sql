-- Products stored before the price history: their current price becomes their first price, valid since the first
-- day Fura accepts (2000-01-01), entered by nobody. Approved order lines keep that price as the one they were approved at.
INSERT INTO `product_prices` (`product_id`, `price_per_pack_xof`, `valid_from`, `created_at`, `created_by`)
SELECT `id`, `price_per_pack_xof`, '2000-01-01', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL FROM `products`
WHERE NOT EXISTS (SELECT 1 FROM `product_prices` pp WHERE pp.`product_id` = `products`.`id`);
--> statement-breakpoint
UPDATE `order_lines` SET `price_per_pack_xof` = (SELECT `price_per_pack_xof` FROM `products` p WHERE p.`id` = `order_lines`.`product_id`)
WHERE `approved_qty` IS NOT NULL AND `price_per_pack_xof` IS NULL;
