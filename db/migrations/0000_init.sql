CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer,
	`customer_id` integer,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`due_at` text,
	`done_at` text,
	`owner_id` integer,
	`role` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_open` ON `activities` (`opportunity_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `activities_due` ON `activities` (`owner_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `document_blobs` (
	`hash` text PRIMARY KEY NOT NULL,
	`content` blob NOT NULL,
	`size` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
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
	FOREIGN KEY (`hash`) REFERENCES `document_blobs`(`hash`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_opportunity` ON `documents` (`opportunity_id`);--> statement-breakpoint
CREATE TABLE `timeline_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer,
	`customer_id` integer,
	`kind` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`data` text,
	`at` text NOT NULL,
	`by` integer,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timeline_opportunity` ON `timeline_entries` (`opportunity_id`,`at`);--> statement-breakpoint
CREATE INDEX `timeline_customer` ON `timeline_entries` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`action` text NOT NULL,
	`field` text,
	`old_value` text,
	`new_value` text,
	`by` integer,
	`at` text NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`,`at`);--> statement-breakpoint
CREATE TABLE `rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`scope` text NOT NULL,
	`scope_id` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`params` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rules_scope` ON `rules` (`kind`,`scope`,`scope_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`credit_limit` integer DEFAULT 0 NOT NULL,
	`outstanding` integer DEFAULT 0 NOT NULL,
	`overdue` integer DEFAULT 0 NOT NULL,
	`open_orders` integer DEFAULT 0 NOT NULL,
	`on_hold` integer DEFAULT false NOT NULL,
	`avg_days_late` integer DEFAULT 0 NOT NULL,
	`preferred_warehouse_id` integer,
	`credit_as_of` text,
	`search_text` text NOT NULL,
	`erp_id` text,
	`pulled_at` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`preferred_warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_code_unique` ON `customers` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_erp_id` ON `customers` (`erp_id`);--> statement-breakpoint
CREATE INDEX `customers_search` ON `customers` (`search_text`);--> statement-breakpoint
CREATE TABLE `sales_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`warehouse_id` integer,
	`order_ref` text NOT NULL,
	`order_date` text NOT NULL,
	`qty` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`amount` integer NOT NULL,
	`erp_id` text,
	`pulled_at` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_history_erp_id` ON `sales_history` (`erp_id`);--> statement-breakpoint
CREATE INDEX `sales_history_customer` ON `sales_history` (`customer_id`,`product_id`,`order_date`);--> statement-breakpoint
CREATE INDEX `sales_history_product` ON `sales_history` (`product_id`,`order_date`);--> statement-breakpoint
CREATE TABLE `incoming_receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`warehouse_id` integer NOT NULL,
	`supplier_id` integer,
	`qty` integer NOT NULL,
	`expected_date` text NOT NULL,
	`purchase_ref` text NOT NULL,
	`erp_id` text,
	`pulled_at` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incoming_receipts_erp_id` ON `incoming_receipts` (`erp_id`);--> statement-breakpoint
CREATE INDEX `incoming_receipts_product` ON `incoming_receipts` (`product_id`,`warehouse_id`,`expected_date`);--> statement-breakpoint
CREATE TABLE `product_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`erp_id` text,
	`pulled_at` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_categories_code_unique` ON `product_categories` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `product_categories_erp_id` ON `product_categories` (`erp_id`);--> statement-breakpoint
CREATE TABLE `product_costs` (
	`product_id` integer NOT NULL,
	`warehouse_id` integer NOT NULL,
	`cost_price` integer NOT NULL,
	`as_of` text NOT NULL,
	`pulled_at` text,
	PRIMARY KEY(`product_id`, `warehouse_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`category_id` integer,
	`unit` text NOT NULL,
	`list_price` integer NOT NULL,
	`cost_price` integer,
	`cost_as_of` text,
	`search_text` text NOT NULL,
	`erp_id` text,
	`pulled_at` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `product_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_unique` ON `products` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_erp_id` ON `products` (`erp_id`);--> statement-breakpoint
CREATE INDEX `products_category` ON `products` (`category_id`);--> statement-breakpoint
CREATE INDEX `products_search` ON `products` (`search_text`);--> statement-breakpoint
CREATE TABLE `stock_levels` (
	`product_id` integer NOT NULL,
	`warehouse_id` integer NOT NULL,
	`on_hand` integer NOT NULL,
	`reserved_erp` integer DEFAULT 0 NOT NULL,
	`as_of` text NOT NULL,
	`pulled_at` text,
	PRIMARY KEY(`product_id`, `warehouse_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `supplier_prices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`min_qty` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`lead_time_days` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`erp_id` text,
	`pulled_at` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_prices_erp_id` ON `supplier_prices` (`erp_id`);--> statement-breakpoint
CREATE INDEX `supplier_prices_product` ON `supplier_prices` (`product_id`,`min_qty`);--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`erp_id` text,
	`pulled_at` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppliers_code_unique` ON `suppliers` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `suppliers_erp_id` ON `suppliers` (`erp_id`);--> statement-breakpoint
CREATE TABLE `warehouses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`lat` real,
	`lon` real,
	`erp_id` text,
	`pulled_at` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warehouses_code_unique` ON `warehouses` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `warehouses_erp_id` ON `warehouses` (`erp_id`);--> statement-breakpoint
CREATE TABLE `approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` integer,
	`requested_at` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`figures` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`comment` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `approvals_status` ON `approvals` (`status`,`requested_at`);--> statement-breakpoint
CREATE INDEX `approvals_opportunity` ON `approvals` (`opportunity_id`);--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`warehouse_id` integer NOT NULL,
	`qty` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text NOT NULL,
	`released_at` text,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `opportunity_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reservations_stock` ON `reservations` (`product_id`,`warehouse_id`,`status`);--> statement-breakpoint
CREATE INDEX `reservations_opportunity` ON `reservations` (`opportunity_id`);--> statement-breakpoint
CREATE TABLE `shortages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer NOT NULL,
	`line_id` integer,
	`product_id` integer NOT NULL,
	`warehouse_id` integer NOT NULL,
	`qty` integer NOT NULL,
	`needed_by` text,
	`status` text DEFAULT 'open' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `opportunity_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shortages_product` ON `shortages` (`product_id`,`warehouse_id`,`status`);--> statement-breakpoint
CREATE INDEX `shortages_opportunity` ON `shortages` (`opportunity_id`);--> statement-breakpoint
CREATE TABLE `opportunities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`customer_id` integer NOT NULL,
	`title` text NOT NULL,
	`owner_id` integer,
	`stage_id` integer NOT NULL,
	`probability` integer NOT NULL,
	`expected_close` text,
	`requested_date` text,
	`notes` text DEFAULT '' NOT NULL,
	`stage_entered_at` text NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	`cost` integer DEFAULT 0 NOT NULL,
	`search_text` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opportunities_reference_unique` ON `opportunities` (`reference`);--> statement-breakpoint
CREATE INDEX `opportunities_customer` ON `opportunities` (`customer_id`);--> statement-breakpoint
CREATE INDEX `opportunities_stage` ON `opportunities` (`stage_id`,`expected_close`);--> statement-breakpoint
CREATE INDEX `opportunities_owner` ON `opportunities` (`owner_id`);--> statement-breakpoint
CREATE INDEX `opportunities_close` ON `opportunities` (`expected_close`);--> statement-breakpoint
CREATE INDEX `opportunities_amount` ON `opportunities` (`amount`);--> statement-breakpoint
CREATE INDEX `opportunities_stage_entered` ON `opportunities` (`stage_entered_at`);--> statement-breakpoint
CREATE TABLE `opportunity_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer NOT NULL,
	`position` integer NOT NULL,
	`product_id` integer NOT NULL,
	`warehouse_id` integer,
	`qty` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`discount` integer DEFAULT 0 NOT NULL,
	`requested_date` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opportunity_lines_opportunity` ON `opportunity_lines` (`opportunity_id`,`position`);--> statement-breakpoint
CREATE INDEX `opportunity_lines_product` ON `opportunity_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `stage_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opportunity_id` integer NOT NULL,
	`from_stage_id` integer,
	`to_stage_id` integer NOT NULL,
	`changed_at` text NOT NULL,
	`changed_by` integer,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stage_history_opportunity` ON `stage_history` (`opportunity_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `stage_history_to` ON `stage_history` (`to_stage_id`);--> statement-breakpoint
CREATE TABLE `stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`probability` integer NOT NULL,
	`kind` text NOT NULL,
	`stagnation_days` integer,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stages_code_unique` ON `stages` (`code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`name` text NOT NULL,
	`initials` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_unique` ON `users` (`login`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uuid` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_try_at` text,
	`lease_until` text,
	`last_error` text,
	`erp_ref` text,
	`created_at` text NOT NULL,
	`done_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_uuid_unique` ON `outbox` (`uuid`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_try_at`);--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`local_id` integer,
	`erp_id` text,
	`field` text NOT NULL,
	`local_value` text,
	`erp_value` text,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	`resolution` text
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_open` ON `sync_conflicts` (`resolved_at`);--> statement-breakpoint
CREATE TABLE `sync_cursors` (
	`entity` text PRIMARY KEY NOT NULL,
	`cursor_time` text,
	`cursor_id` text,
	`last_full_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trigger` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`stats` text,
	`error` text
);
