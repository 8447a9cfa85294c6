CREATE TABLE `sign_in_failures` (
	`username` text NOT NULL,
	`client_ip` text NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL,
	PRIMARY KEY(`username`, `client_ip`)
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_at_idx` ON `sign_in_failures` (`last_failure_at`);--> statement-breakpoint
DROP TABLE `login_attempts`;