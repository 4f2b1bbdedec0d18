PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text,
	`opportunity_id` integer,
	`customer_id` integer,
	`hash` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`added_at` text NOT NULL,
	`added_by` integer,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_documents`("id", "uid", "opportunity_id", "customer_id", "hash", "name", "mime", "size", "added_at", "added_by") SELECT "id", NULL, "opportunity_id", "customer_id", "hash", "name", "mime", "size", "added_at", "added_by" FROM `documents`;--> statement-breakpoint
DROP TABLE `documents`;--> statement-breakpoint
ALTER TABLE `__new_documents` RENAME TO `documents`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `documents_uid_unique` ON `documents` (`uid`);--> statement-breakpoint
CREATE INDEX `documents_opportunity` ON `documents` (`opportunity_id`);--> statement-breakpoint
CREATE INDEX `documents_customer` ON `documents` (`customer_id`);--> statement-breakpoint
CREATE INDEX `documents_hash` ON `documents` (`hash`);--> statement-breakpoint
DROP TABLE `document_blobs`;
