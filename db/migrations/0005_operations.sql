CREATE TABLE `automation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer NOT NULL,
	`rule_id` integer NOT NULL,
	`stage_id` integer NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`next_step` integer DEFAULT 0 NOT NULL,
	`approval_id` integer,
	`started_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`by` integer,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `automation_runs_opportunity` ON `automation_runs` (`opportunity_id`,`status`);--> statement-breakpoint
ALTER TABLE `customers` ADD `credit_hold` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `hold_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `hold_by` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `hold_at` text;--> statement-breakpoint
ALTER TABLE `shortages` ADD `outbox_id` integer;--> statement-breakpoint
ALTER TABLE `shortages` ADD `receipt_id` integer;--> statement-breakpoint
ALTER TABLE `shortages` ADD `decided_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `shortages_status` ON `shortages` (`status`,`needed_by`);--> statement-breakpoint
ALTER TABLE `opportunities` ADD `ops_state` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `subject` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_subject` ON `outbox` (`subject`,`kind`);