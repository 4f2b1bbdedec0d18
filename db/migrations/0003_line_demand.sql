ALTER TABLE `opportunity_lines` ADD `demand_open` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `opportunity_lines` ADD `demand_probability` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `opportunity_lines` ADD `demand_date` text;--> statement-breakpoint
CREATE INDEX `opportunity_lines_demand` ON `opportunity_lines` (`product_id`,`demand_open`,`demand_date`,`qty`,`demand_probability`,`opportunity_id`);