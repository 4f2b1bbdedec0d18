CREATE TABLE `forecast_month_totals` (
	`month` text NOT NULL,
	`owner_id` integer NOT NULL,
	`deals` integer NOT NULL,
	`weighted` integer NOT NULL,
	PRIMARY KEY(`month`, `owner_id`)
);
--> statement-breakpoint
CREATE TABLE `stage_month_entries` (
	`month` text NOT NULL,
	`stage_id` integer NOT NULL,
	`next_stage_id` integer NOT NULL,
	`stays` integer NOT NULL,
	PRIMARY KEY(`month`, `stage_id`, `next_stage_id`)
);
--> statement-breakpoint
CREATE TABLE `stage_month_lengths` (
	`month` text NOT NULL,
	`stage_id` integer NOT NULL,
	`days` integer NOT NULL,
	`stays` integer NOT NULL,
	PRIMARY KEY(`month`, `stage_id`, `days`)
);
--> statement-breakpoint
DROP INDEX `opportunities_stage_since`;--> statement-breakpoint
CREATE INDEX `opportunities_stage_since` ON `opportunities` (`stage_id`,`stage_entered_at`,`next_activity_at`,`owner_id`,`amount`,`cost`,`created_at`,`lost_reason`);
--> statement-breakpoint
INSERT INTO `stage_month_entries` (`month`, `stage_id`, `next_stage_id`, `stays`)
  SELECT substr(`changed_at`, 1, 7), `to_stage_id`, coalesce(`next_stage_id`, 0), count(*) FROM `stage_history` GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `stage_month_lengths` (`month`, `stage_id`, `days`, `stays`)
  SELECT substr(`left_at`, 1, 7), `to_stage_id`, max(0, (unixepoch(`left_at`) - unixepoch(`changed_at`)) / 86400), count(*)
  FROM `stage_history` WHERE `left_at` IS NOT NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
-- each row counts once where it began (and where it went next) and once where it ended; a change moves its counts
CREATE TRIGGER `stage_months_insert` AFTER INSERT ON `stage_history` BEGIN
  INSERT INTO `stage_month_entries` (`month`, `stage_id`, `next_stage_id`, `stays`) SELECT substr(NEW.`changed_at`, 1, 7), NEW.`to_stage_id`, coalesce(NEW.`next_stage_id`, 0), 1 WHERE 1
    ON CONFLICT (`month`, `stage_id`, `next_stage_id`) DO UPDATE SET `stays` = `stays` + 1;
  INSERT INTO `stage_month_lengths` (`month`, `stage_id`, `days`, `stays`) SELECT substr(NEW.`left_at`, 1, 7), NEW.`to_stage_id`, max(0, (unixepoch(NEW.`left_at`) - unixepoch(NEW.`changed_at`)) / 86400), 1 WHERE NEW.`left_at` IS NOT NULL
    ON CONFLICT (`month`, `stage_id`, `days`) DO UPDATE SET `stays` = `stays` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stage_months_update` AFTER UPDATE OF `left_at`, `next_stage_id`, `changed_at`, `to_stage_id` ON `stage_history`
WHEN OLD.`left_at` IS NOT NEW.`left_at` OR OLD.`next_stage_id` IS NOT NEW.`next_stage_id` OR OLD.`changed_at` IS NOT NEW.`changed_at` OR OLD.`to_stage_id` IS NOT NEW.`to_stage_id` BEGIN
  UPDATE `stage_month_entries` SET `stays` = `stays` - 1
    WHERE `month` = substr(OLD.`changed_at`, 1, 7) AND `stage_id` = OLD.`to_stage_id` AND `next_stage_id` = coalesce(OLD.`next_stage_id`, 0);
  UPDATE `stage_month_lengths` SET `stays` = `stays` - 1
    WHERE OLD.`left_at` IS NOT NULL AND `month` = substr(OLD.`left_at`, 1, 7) AND `stage_id` = OLD.`to_stage_id` AND `days` = max(0, (unixepoch(OLD.`left_at`) - unixepoch(OLD.`changed_at`)) / 86400);
  INSERT INTO `stage_month_entries` (`month`, `stage_id`, `next_stage_id`, `stays`) SELECT substr(NEW.`changed_at`, 1, 7), NEW.`to_stage_id`, coalesce(NEW.`next_stage_id`, 0), 1 WHERE 1
    ON CONFLICT (`month`, `stage_id`, `next_stage_id`) DO UPDATE SET `stays` = `stays` + 1;
  INSERT INTO `stage_month_lengths` (`month`, `stage_id`, `days`, `stays`) SELECT substr(NEW.`left_at`, 1, 7), NEW.`to_stage_id`, max(0, (unixepoch(NEW.`left_at`) - unixepoch(NEW.`changed_at`)) / 86400), 1 WHERE NEW.`left_at` IS NOT NULL
    ON CONFLICT (`month`, `stage_id`, `days`) DO UPDATE SET `stays` = `stays` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stage_months_delete` AFTER DELETE ON `stage_history` BEGIN
  UPDATE `stage_month_entries` SET `stays` = `stays` - 1
    WHERE `month` = substr(OLD.`changed_at`, 1, 7) AND `stage_id` = OLD.`to_stage_id` AND `next_stage_id` = coalesce(OLD.`next_stage_id`, 0);
  UPDATE `stage_month_lengths` SET `stays` = `stays` - 1
    WHERE OLD.`left_at` IS NOT NULL AND `month` = substr(OLD.`left_at`, 1, 7) AND `stage_id` = OLD.`to_stage_id` AND `days` = max(0, (unixepoch(OLD.`left_at`) - unixepoch(OLD.`changed_at`)) / 86400);
END;
--> statement-breakpoint
INSERT INTO `forecast_month_totals` (`month`, `owner_id`, `deals`, `weighted`)
  SELECT `month`, coalesce(`owner_id`, 0), count(*), sum(CASE WHEN `amount` * `probability` >= 0 THEN (`amount` * `probability` + 50) / 100 ELSE -((-`amount` * `probability` + 50) / 100) END)
  FROM `forecast_snapshots` GROUP BY 1, 2;
