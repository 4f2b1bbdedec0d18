ALTER TABLE `opportunities` ADD `lost_reason` text;--> statement-breakpoint
ALTER TABLE `opportunities` ADD `lost_note` text;