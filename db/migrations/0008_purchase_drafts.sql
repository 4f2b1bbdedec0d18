CREATE TABLE `purchase_draft_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`draft_id` integer NOT NULL,
	`shortage_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`warehouse_id` integer NOT NULL,
	`needed_qty` integer NOT NULL,
	`qty` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`needed_by` text,
	FOREIGN KEY (`draft_id`) REFERENCES `purchase_drafts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shortage_id`) REFERENCES `shortages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `purchase_draft_lines_draft` ON `purchase_draft_lines` (`draft_id`);--> statement-breakpoint
CREATE INDEX `purchase_draft_lines_shortage` ON `purchase_draft_lines` (`shortage_id`);--> statement-breakpoint
CREATE TABLE `purchase_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`supplier_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`outbox_id` integer,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `purchase_drafts_status` ON `purchase_drafts` (`status`,`supplier_id`);--> statement-breakpoint
ALTER TABLE `supplier_prices` ADD `pack_qty` integer DEFAULT 0 NOT NULL;