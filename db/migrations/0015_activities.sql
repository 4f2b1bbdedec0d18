CREATE TABLE `activity_reminders` (
	`activity_id` integer NOT NULL,
	`due_at` text NOT NULL,
	`fired_at` text NOT NULL,
	PRIMARY KEY(`activity_id`, `due_at`),
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `activities` ADD `notes` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `activities` ADD `done_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `activities` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `recurrence` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `source` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `occasion` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `created_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `activities_role` ON `activities` (`role`,`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `activities_pending` ON `activities` (`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `activities_done` ON `activities` (`done_at`);--> statement-breakpoint
CREATE INDEX `activities_customer` ON `activities` (`customer_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `activities_customer_done` ON `activities` (`customer_id`,`done_at`);--> statement-breakpoint
CREATE INDEX `activities_occasion` ON `activities` (`occasion`);--> statement-breakpoint
UPDATE `activities` SET `source` = 'automation' WHERE `role` IS NOT NULL AND `source` IS NULL;
