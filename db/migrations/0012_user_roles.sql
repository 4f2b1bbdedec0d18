ALTER TABLE `users` ADD `roles` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
UPDATE `users` SET `roles` = json_array(`role`);
