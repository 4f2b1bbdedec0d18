CREATE TABLE `forecast_pipeline` (
	`close_month` text NOT NULL,
	`owner_id` integer NOT NULL,
	`probability` integer NOT NULL,
	`deals` integer NOT NULL,
	`amount` integer NOT NULL,
	`cost` integer NOT NULL,
	`weighted` integer NOT NULL,
	`weighted_margin` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forecast_pipeline_key` ON `forecast_pipeline` (`close_month`,`owner_id`,`probability`);--> statement-breakpoint
CREATE INDEX `opportunities_stage_since` ON `opportunities` (`stage_id`,`stage_entered_at`,`next_activity_at`,`owner_id`,`amount`,`cost`);
--> statement-breakpoint
-- The open pipeline by month of expected close, owner and probability (each deal's figures rounded as `weighted` does).
INSERT INTO `forecast_pipeline` (`close_month`, `owner_id`, `probability`, `deals`, `amount`, `cost`, `weighted`, `weighted_margin`)
SELECT coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(*), sum(o.`amount`), sum(o.`cost`),
  sum((CASE WHEN (o.`amount`) * (o.`probability`) >= 0 THEN ((o.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount`) * (o.`probability`) + 50) / 100) END)), sum((CASE WHEN (o.`amount` - o.`cost`) * (o.`probability`) >= 0 THEN ((o.`amount` - o.`cost`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount` - o.`cost`) * (o.`probability`) + 50) / 100) END))
FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER `forecast_pipeline_insert` AFTER INSERT ON `opportunities` WHEN (SELECT `kind` FROM `stages` WHERE `id` = NEW.`stage_id`) = 'open' BEGIN
  INSERT INTO `forecast_pipeline` (`close_month`, `owner_id`, `probability`, `deals`, `amount`, `cost`, `weighted`, `weighted_margin`) SELECT coalesce(substr(NEW.`expected_close`, 1, 7), ''), coalesce(NEW.`owner_id`, 0), NEW.`probability`, 1, NEW.`amount`, NEW.`cost`, (CASE WHEN (NEW.`amount`) * (NEW.`probability`) >= 0 THEN ((NEW.`amount`) * (NEW.`probability`) + 50) / 100 ELSE -((-(NEW.`amount`) * (NEW.`probability`) + 50) / 100) END), (CASE WHEN (NEW.`amount` - NEW.`cost`) * (NEW.`probability`) >= 0 THEN ((NEW.`amount` - NEW.`cost`) * (NEW.`probability`) + 50) / 100 ELSE -((-(NEW.`amount` - NEW.`cost`) * (NEW.`probability`) + 50) / 100) END) WHERE 1 ON CONFLICT (`close_month`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `cost` = `cost` + excluded.`cost`, `weighted` = `weighted` + excluded.`weighted`, `weighted_margin` = `weighted_margin` + excluded.`weighted_margin`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_pipeline_delete` AFTER DELETE ON `opportunities` WHEN (SELECT `kind` FROM `stages` WHERE `id` = OLD.`stage_id`) = 'open' BEGIN
  UPDATE `forecast_pipeline` SET `deals` = `deals` - 1, `amount` = `amount` - OLD.`amount`, `cost` = `cost` - OLD.`cost`,
    `weighted` = `weighted` - (CASE WHEN (OLD.`amount`) * (OLD.`probability`) >= 0 THEN ((OLD.`amount`) * (OLD.`probability`) + 50) / 100 ELSE -((-(OLD.`amount`) * (OLD.`probability`) + 50) / 100) END), `weighted_margin` = `weighted_margin` - (CASE WHEN (OLD.`amount` - OLD.`cost`) * (OLD.`probability`) >= 0 THEN ((OLD.`amount` - OLD.`cost`) * (OLD.`probability`) + 50) / 100 ELSE -((-(OLD.`amount` - OLD.`cost`) * (OLD.`probability`) + 50) / 100) END)
  WHERE `close_month` = coalesce(substr(OLD.`expected_close`, 1, 7), '') AND `owner_id` = coalesce(OLD.`owner_id`, 0) AND `probability` = OLD.`probability`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_pipeline_update` AFTER UPDATE OF `stage_id`, `owner_id`, `probability`, `amount`, `cost`, `expected_close` ON `opportunities` BEGIN
  UPDATE `forecast_pipeline` SET `deals` = `deals` - 1, `amount` = `amount` - OLD.`amount`, `cost` = `cost` - OLD.`cost`,
    `weighted` = `weighted` - (CASE WHEN (OLD.`amount`) * (OLD.`probability`) >= 0 THEN ((OLD.`amount`) * (OLD.`probability`) + 50) / 100 ELSE -((-(OLD.`amount`) * (OLD.`probability`) + 50) / 100) END), `weighted_margin` = `weighted_margin` - (CASE WHEN (OLD.`amount` - OLD.`cost`) * (OLD.`probability`) >= 0 THEN ((OLD.`amount` - OLD.`cost`) * (OLD.`probability`) + 50) / 100 ELSE -((-(OLD.`amount` - OLD.`cost`) * (OLD.`probability`) + 50) / 100) END)
  WHERE `close_month` = coalesce(substr(OLD.`expected_close`, 1, 7), '') AND `owner_id` = coalesce(OLD.`owner_id`, 0) AND `probability` = OLD.`probability` AND (SELECT `kind` FROM `stages` WHERE `id` = OLD.`stage_id`) = 'open';
  INSERT INTO `forecast_pipeline` (`close_month`, `owner_id`, `probability`, `deals`, `amount`, `cost`, `weighted`, `weighted_margin`) SELECT coalesce(substr(NEW.`expected_close`, 1, 7), ''), coalesce(NEW.`owner_id`, 0), NEW.`probability`, 1, NEW.`amount`, NEW.`cost`, (CASE WHEN (NEW.`amount`) * (NEW.`probability`) >= 0 THEN ((NEW.`amount`) * (NEW.`probability`) + 50) / 100 ELSE -((-(NEW.`amount`) * (NEW.`probability`) + 50) / 100) END), (CASE WHEN (NEW.`amount` - NEW.`cost`) * (NEW.`probability`) >= 0 THEN ((NEW.`amount` - NEW.`cost`) * (NEW.`probability`) + 50) / 100 ELSE -((-(NEW.`amount` - NEW.`cost`) * (NEW.`probability`) + 50) / 100) END) WHERE (SELECT `kind` FROM `stages` WHERE `id` = NEW.`stage_id`) = 'open' ON CONFLICT (`close_month`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `cost` = `cost` + excluded.`cost`, `weighted` = `weighted` + excluded.`weighted`, `weighted_margin` = `weighted_margin` + excluded.`weighted_margin`;
END;
--> statement-breakpoint
-- a stage becomes open, won or lost: the pipeline is summed again
CREATE TRIGGER `forecast_pipeline_stage_kind` AFTER UPDATE OF `kind` ON `stages` WHEN OLD.`kind` IS NOT NEW.`kind` BEGIN
  DELETE FROM `forecast_pipeline`;
  INSERT INTO `forecast_pipeline` (`close_month`, `owner_id`, `probability`, `deals`, `amount`, `cost`, `weighted`, `weighted_margin`)
  SELECT coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(*), sum(o.`amount`), sum(o.`cost`),
    sum((CASE WHEN (o.`amount`) * (o.`probability`) >= 0 THEN ((o.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount`) * (o.`probability`) + 50) / 100) END)), sum((CASE WHEN (o.`amount` - o.`cost`) * (o.`probability`) >= 0 THEN ((o.`amount` - o.`cost`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount` - o.`cost`) * (o.`probability`) + 50) / 100) END))
  FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' GROUP BY 1, 2, 3;
END;
