CREATE TABLE `team_mutations` (
	`number` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tbl` text NOT NULL,
	`row_uid` text NOT NULL,
	`op` text NOT NULL,
	`after` text,
	`before` text,
	`base_version` integer DEFAULT 0 NOT NULL,
	`user_id` integer,
	`tx` integer DEFAULT 0 NOT NULL,
	`push_number` integer,
	`at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_mutations_pushNumber_unique` ON `team_mutations` (`push_number`);--> statement-breakpoint
CREATE INDEX `team_mutations_status` ON `team_mutations` (`status`,`number`);--> statement-breakpoint
CREATE INDEX `team_mutations_row` ON `team_mutations` (`tbl`,`row_uid`);--> statement-breakpoint
CREATE TABLE `team_parked` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`change` text NOT NULL,
	`why` text NOT NULL,
	`parked_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `team_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `team_versions` (
	`tbl` text NOT NULL,
	`row_uid` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`tbl`, `row_uid`)
);
--> statement-breakpoint
ALTER TABLE `activities` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `activities_uid_unique` ON `activities` (`uid`);--> statement-breakpoint
ALTER TABLE `timeline_entries` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `timeline_entries_uid_unique` ON `timeline_entries` (`uid`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_uid_unique` ON `audit_log` (`uid`);--> statement-breakpoint
ALTER TABLE `rules` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `rules_uid_unique` ON `rules` (`uid`);--> statement-breakpoint
ALTER TABLE `approvals` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `approvals_uid_unique` ON `approvals` (`uid`);--> statement-breakpoint
ALTER TABLE `automation_runs` ADD `uid` text;--> statement-breakpoint
ALTER TABLE `automation_runs` ADD `desk_uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `automation_runs_uid_unique` ON `automation_runs` (`uid`);--> statement-breakpoint
ALTER TABLE `reservations` ADD `uid` text;--> statement-breakpoint
ALTER TABLE `reservations` ADD `stock_seen` integer;--> statement-breakpoint
ALTER TABLE `reservations` ADD `stock_as_of` text;--> statement-breakpoint
CREATE UNIQUE INDEX `reservations_uid_unique` ON `reservations` (`uid`);--> statement-breakpoint
ALTER TABLE `shortages` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `shortages_uid_unique` ON `shortages` (`uid`);--> statement-breakpoint
ALTER TABLE `opportunities` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `opportunities_uid_unique` ON `opportunities` (`uid`);--> statement-breakpoint
ALTER TABLE `opportunity_lines` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `opportunity_lines_uid_unique` ON `opportunity_lines` (`uid`);--> statement-breakpoint
ALTER TABLE `stage_history` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `stage_history_uid_unique` ON `stage_history` (`uid`);--> statement-breakpoint
ALTER TABLE `stages` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `stages_uid_unique` ON `stages` (`uid`);--> statement-breakpoint
ALTER TABLE `users` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_uid_unique` ON `users` (`uid`);--> statement-breakpoint
ALTER TABLE `purchase_draft_lines` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_draft_lines_uid_unique` ON `purchase_draft_lines` (`uid`);--> statement-breakpoint
ALTER TABLE `purchase_drafts` ADD `uid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_drafts_uid_unique` ON `purchase_drafts` (`uid`);