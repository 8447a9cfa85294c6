ALTER TABLE `stock_report_lines` ADD `amc` integer;--> statement-breakpoint
ALTER TABLE `stock_report_lines` ADD `amc_basis` text;