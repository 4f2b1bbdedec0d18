CREATE TABLE `forecast_months` (
	`month` text PRIMARY KEY NOT NULL,
	`taken_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `forecast_snapshots` (
	`month` text NOT NULL,
	`opportunity_id` integer NOT NULL,
	`owner_id` integer,
	`amount` integer NOT NULL,
	`probability` integer NOT NULL,
	PRIMARY KEY(`month`, `opportunity_id`),
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stage_durations` (
	`stage_id` integer NOT NULL,
	`days` integer NOT NULL,
	`stays` integer NOT NULL,
	PRIMARY KEY(`stage_id`, `days`)
);
--> statement-breakpoint
ALTER TABLE `opportunity_lines` ADD `amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `opportunity_lines` ADD `cost` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `stage_history` ADD `left_at` text;--> statement-breakpoint
ALTER TABLE `stage_history` ADD `next_stage_id` integer;--> statement-breakpoint
CREATE INDEX `stage_history_changed` ON `stage_history` (`changed_at`,`to_stage_id`,`next_stage_id`,`opportunity_id`);--> statement-breakpoint
CREATE INDEX `stage_history_left` ON `stage_history` (`left_at`,`to_stage_id`,`changed_at`,`opportunity_id`);--> statement-breakpoint
-- Each stay in a stage ends where the deal's next history row begins: its instant and its stage.
UPDATE `stage_history` SET (`left_at`, `next_stage_id`) = (
  SELECT n.`changed_at`, n.`to_stage_id` FROM `stage_history` n
  WHERE n.`opportunity_id` = `stage_history`.`opportunity_id`
    AND (n.`changed_at` > `stage_history`.`changed_at` OR (n.`changed_at` = `stage_history`.`changed_at` AND n.`id` > `stage_history`.`id`))
  ORDER BY n.`changed_at`, n.`id` LIMIT 1);
--> statement-breakpoint
-- Whole days of each finished stay (spanDaysSql of shared/domain/kpis.ts), counted per stage.
INSERT INTO `stage_durations` (`stage_id`, `days`, `stays`)
  SELECT `to_stage_id`, max(0, (unixepoch(`left_at`) - unixepoch(`changed_at`)) / 86400) AS d, count(*)
  FROM `stage_history` WHERE `left_at` IS NOT NULL GROUP BY `to_stage_id`, d;
--> statement-breakpoint
-- A row written (here, or pulled from the team in any order) ends the stay before it and may be ended by one after it.
CREATE TRIGGER `stage_history_link_after_insert` AFTER INSERT ON `stage_history` BEGIN
  UPDATE `stage_history` SET (`left_at`, `next_stage_id`) = (
    SELECT n.`changed_at`, n.`to_stage_id` FROM `stage_history` n
    WHERE n.`opportunity_id` = `stage_history`.`opportunity_id`
      AND (n.`changed_at` > `stage_history`.`changed_at` OR (n.`changed_at` = `stage_history`.`changed_at` AND n.`id` > `stage_history`.`id`))
    ORDER BY n.`changed_at`, n.`id` LIMIT 1)
  WHERE `id` = NEW.`id` OR `id` = (
    SELECT p.`id` FROM `stage_history` p
    WHERE p.`opportunity_id` = NEW.`opportunity_id` AND (p.`changed_at` < NEW.`changed_at` OR (p.`changed_at` = NEW.`changed_at` AND p.`id` < NEW.`id`))
    ORDER BY p.`changed_at` DESC, p.`id` DESC LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `stage_history_link_after_delete` AFTER DELETE ON `stage_history` BEGIN
  UPDATE `stage_history` SET (`left_at`, `next_stage_id`) = (
    SELECT n.`changed_at`, n.`to_stage_id` FROM `stage_history` n
    WHERE n.`opportunity_id` = `stage_history`.`opportunity_id`
      AND (n.`changed_at` > `stage_history`.`changed_at` OR (n.`changed_at` = `stage_history`.`changed_at` AND n.`id` > `stage_history`.`id`))
    ORDER BY n.`changed_at`, n.`id` LIMIT 1)
  WHERE `id` = (
    SELECT p.`id` FROM `stage_history` p
    WHERE p.`opportunity_id` = OLD.`opportunity_id` AND (p.`changed_at` < OLD.`changed_at` OR (p.`changed_at` = OLD.`changed_at` AND p.`id` < OLD.`id`))
    ORDER BY p.`changed_at` DESC, p.`id` DESC LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `stage_durations_after_update` AFTER UPDATE OF `left_at`, `changed_at`, `to_stage_id` ON `stage_history`
WHEN OLD.`left_at` IS NOT NEW.`left_at` OR OLD.`changed_at` IS NOT NEW.`changed_at` OR OLD.`to_stage_id` IS NOT NEW.`to_stage_id` BEGIN
  UPDATE `stage_durations` SET `stays` = `stays` - 1
  WHERE OLD.`left_at` IS NOT NULL AND `stage_id` = OLD.`to_stage_id` AND `days` = max(0, (unixepoch(OLD.`left_at`) - unixepoch(OLD.`changed_at`)) / 86400);
  INSERT INTO `stage_durations` (`stage_id`, `days`, `stays`)
    SELECT NEW.`to_stage_id`, max(0, (unixepoch(NEW.`left_at`) - unixepoch(NEW.`changed_at`)) / 86400), 1 WHERE NEW.`left_at` IS NOT NULL
    ON CONFLICT (`stage_id`, `days`) DO UPDATE SET `stays` = `stays` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stage_durations_after_delete` AFTER DELETE ON `stage_history` WHEN OLD.`left_at` IS NOT NULL BEGIN
  UPDATE `stage_durations` SET `stays` = `stays` - 1
  WHERE `stage_id` = OLD.`to_stage_id` AND `days` = max(0, (unixepoch(OLD.`left_at`) - unixepoch(OLD.`changed_at`)) / 86400);
END;
