CREATE TABLE `margin_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer NOT NULL,
	`at` text NOT NULL,
	`cause` text NOT NULL,
	`amount` integer NOT NULL,
	`cost_before` integer NOT NULL,
	`cost_after` integer NOT NULL,
	`guard_before` text NOT NULL,
	`guard_after` text NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `margin_alerts_at` ON `margin_alerts` (`at`);--> statement-breakpoint
CREATE INDEX `margin_alerts_opportunity` ON `margin_alerts` (`opportunity_id`,`at`);