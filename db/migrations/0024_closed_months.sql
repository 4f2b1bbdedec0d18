CREATE TABLE `closed_months` (
	`month` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`days` integer NOT NULL,
	`deals` integer NOT NULL,
	`amount` integer NOT NULL,
	`cost` integer NOT NULL,
	PRIMARY KEY(`month`, `kind`, `reason`, `days`)
);

--> statement-breakpoint
INSERT INTO `closed_months` (`month`, `kind`, `reason`, `days`, `deals`, `amount`, `cost`)
    SELECT substr(o.`stage_entered_at`, 1, 7), s.`kind`, CASE WHEN s.`kind` = 'lost' THEN coalesce(o.`lost_reason`, '') ELSE '' END,
      max(0, (unixepoch(o.`stage_entered_at`) - unixepoch(o.`created_at`)) / 86400), count(*), sum(o.`amount`), sum(o.`cost`)
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` IN ('won', 'lost')
    WHERE 1 GROUP BY 1, 2, 3, 4 ON CONFLICT (`month`, `kind`, `reason`, `days`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `cost` = `cost` + excluded.`cost`;
--> statement-breakpoint
-- a deal comes, goes or changes: it leaves its row before and comes back after
CREATE TRIGGER `closed_months_insert` AFTER INSERT ON `opportunities` BEGIN
  INSERT INTO `closed_months` (`month`, `kind`, `reason`, `days`, `deals`, `amount`, `cost`)
    SELECT substr(o.`stage_entered_at`, 1, 7), s.`kind`, CASE WHEN s.`kind` = 'lost' THEN coalesce(o.`lost_reason`, '') ELSE '' END,
      max(0, (unixepoch(o.`stage_entered_at`) - unixepoch(o.`created_at`)) / 86400), count(*), sum(o.`amount`), sum(o.`cost`)
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` IN ('won', 'lost')
    WHERE o.`id` = NEW.`id` GROUP BY 1, 2, 3, 4 ON CONFLICT (`month`, `kind`, `reason`, `days`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `cost` = `cost` + excluded.`cost`;
END;
--> statement-breakpoint
CREATE TRIGGER `closed_months_delete` BEFORE DELETE ON `opportunities` BEGIN
  INSERT INTO `closed_months` (`month`, `kind`, `reason`, `days`, `deals`, `amount`, `cost`)
    SELECT substr(o.`stage_entered_at`, 1, 7), s.`kind`, CASE WHEN s.`kind` = 'lost' THEN coalesce(o.`lost_reason`, '') ELSE '' END,
      max(0, (unixepoch(o.`stage_entered_at`) - unixepoch(o.`created_at`)) / 86400), -count(*), -sum(o.`amount`), -sum(o.`cost`)
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` IN ('won', 'lost')
    WHERE o.`id` = OLD.`id` GROUP BY 1, 2, 3, 4 ON CONFLICT (`month`, `kind`, `reason`, `days`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `cost` = `cost` + excluded.`cost`;
END;
--> statement-breakpoint
CREATE TRIGGER `closed_months_before_update` BEFORE UPDATE OF `stage_id`, `stage_entered_at`, `created_at`, `lost_reason`, `amount`, `cost` ON `opportunities` WHEN OLD.`stage_id` IS NOT NEW.`stage_id` OR OLD.`stage_entered_at` IS NOT NEW.`stage_entered_at` OR OLD.`created_at` IS NOT NEW.`created_at` OR OLD.`lost_reason` IS NOT NEW.`lost_reason` OR OLD.`amount` IS NOT NEW.`amount` OR OLD.`cost` IS NOT NEW.`cost` BEGIN
  INSERT INTO `closed_months` (`month`, `kind`, `reason`, `days`, `deals`, `amount`, `cost`)
    SELECT substr(o.`stage_entered_at`, 1, 7), s.`kind`, CASE WHEN s.`kind` = 'lost' THEN coalesce(o.`lost_reason`, '') ELSE '' END,
      max(0, (unixepoch(o.`stage_entered_at`) - unixepoch(o.`created_at`)) / 86400), -count(*), -sum(o.`amount`), -sum(o.`cost`)
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` IN ('won', 'lost')
    WHERE o.`id` = OLD.`id` GROUP BY 1, 2, 3, 4 ON CONFLICT (`month`, `kind`, `reason`, `days`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `cost` = `cost` + excluded.`cost`;
END;
--> statement-breakpoint
CREATE TRIGGER `closed_months_after_update` AFTER UPDATE OF `stage_id`, `stage_entered_at`, `created_at`, `lost_reason`, `amount`, `cost` ON `opportunities` WHEN OLD.`stage_id` IS NOT NEW.`stage_id` OR OLD.`stage_entered_at` IS NOT NEW.`stage_entered_at` OR OLD.`created_at` IS NOT NEW.`created_at` OR OLD.`lost_reason` IS NOT NEW.`lost_reason` OR OLD.`amount` IS NOT NEW.`amount` OR OLD.`cost` IS NOT NEW.`cost` BEGIN
  INSERT INTO `closed_months` (`month`, `kind`, `reason`, `days`, `deals`, `amount`, `cost`)
    SELECT substr(o.`stage_entered_at`, 1, 7), s.`kind`, CASE WHEN s.`kind` = 'lost' THEN coalesce(o.`lost_reason`, '') ELSE '' END,
      max(0, (unixepoch(o.`stage_entered_at`) - unixepoch(o.`created_at`)) / 86400), count(*), sum(o.`amount`), sum(o.`cost`)
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` IN ('won', 'lost')
    WHERE o.`id` = NEW.`id` GROUP BY 1, 2, 3, 4 ON CONFLICT (`month`, `kind`, `reason`, `days`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `cost` = `cost` + excluded.`cost`;
END;
--> statement-breakpoint
-- a stage becomes open, won or lost: summed again
CREATE TRIGGER `closed_months_stage_kind` AFTER UPDATE OF `kind` ON `stages` WHEN OLD.`kind` IS NOT NEW.`kind` BEGIN
  DELETE FROM `closed_months`;
  INSERT INTO `closed_months` (`month`, `kind`, `reason`, `days`, `deals`, `amount`, `cost`)
    SELECT substr(o.`stage_entered_at`, 1, 7), s.`kind`, CASE WHEN s.`kind` = 'lost' THEN coalesce(o.`lost_reason`, '') ELSE '' END,
      max(0, (unixepoch(o.`stage_entered_at`) - unixepoch(o.`created_at`)) / 86400), count(*), sum(o.`amount`), sum(o.`cost`)
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` IN ('won', 'lost')
    WHERE 1 GROUP BY 1, 2, 3, 4 ON CONFLICT (`month`, `kind`, `reason`, `days`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `cost` = `cost` + excluded.`cost`;
END;
