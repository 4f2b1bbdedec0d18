DROP INDEX `opportunities_amount`;--> statement-breakpoint
ALTER TABLE `opportunities` ADD `next_activity_at` text;--> statement-breakpoint
ALTER TABLE `opportunities` ADD `next_activity_title` text;--> statement-breakpoint
CREATE INDEX `opportunities_next_activity` ON `opportunities` (`next_activity_at`);--> statement-breakpoint
CREATE INDEX `opportunities_amount` ON `opportunities` (`amount`,`probability`);