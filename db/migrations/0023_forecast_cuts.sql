CREATE TABLE `category_roots` (
	`category_id` integer PRIMARY KEY NOT NULL,
	`root_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `forecast_customers` (
	`customer_id` integer NOT NULL,
	`close_month` text NOT NULL,
	`deals` integer NOT NULL,
	`weighted` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `close_month`)
);
--> statement-breakpoint
CREATE TABLE `forecast_cuts` (
	`dimension` text NOT NULL,
	`key` integer NOT NULL,
	`close_month` text NOT NULL,
	`owner_id` integer NOT NULL,
	`probability` integer NOT NULL,
	`deals` integer NOT NULL,
	`amount` integer NOT NULL,
	`weighted` integer NOT NULL,
	PRIMARY KEY(`dimension`, `close_month`, `key`, `owner_id`, `probability`)
);
--> statement-breakpoint
CREATE INDEX `opportunities_stagnant` ON `opportunities` (`stage_id`,`next_activity_at`,`stage_entered_at`,`owner_id`);
--> statement-breakpoint
INSERT INTO `category_roots` (`category_id`, `root_id`)
  SELECT `id`, `at` FROM (
    WITH RECURSIVE up(`id`, `at`, `depth`) AS (
      SELECT `id`, `id`, 0 FROM `product_categories`
      UNION ALL
      SELECT up.`id`, c.`parent_id`, up.`depth` + 1 FROM up JOIN `product_categories` c ON c.`id` = up.`at`
      WHERE up.`depth` < 32 AND c.`parent_id` IN (SELECT `id` FROM `product_categories`))
    SELECT `id`, `at`, max(`depth`) FROM up GROUP BY `id`)
--> statement-breakpoint
INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE 1 GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
--> statement-breakpoint
INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE 1 GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
--> statement-breakpoint
INSERT INTO `forecast_customers` (`customer_id`, `close_month`, `deals`, `weighted`)
    SELECT coalesce(o.`customer_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), count(*), sum((CASE WHEN (o.`amount`) * (o.`probability`) >= 0 THEN ((o.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE 1 GROUP BY 1, 2 ON CONFLICT (`customer_id`, `close_month`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `weighted` = `weighted` + excluded.`weighted`;
--> statement-breakpoint
-- A line changes: its deal leaves the category and warehouse cuts before, and comes back after (a deal counts once per row).
CREATE TRIGGER `forecast_cuts_line_before_insert` BEFORE INSERT ON `opportunity_lines` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` = NEW.`opportunity_id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = NEW.`opportunity_id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_line_after_insert` AFTER INSERT ON `opportunity_lines` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` = NEW.`opportunity_id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = NEW.`opportunity_id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_line_before_update` BEFORE UPDATE OF `amount`, `product_id`, `warehouse_id`, `opportunity_id` ON `opportunity_lines` WHEN OLD.`amount` IS NOT NEW.`amount` OR OLD.`product_id` IS NOT NEW.`product_id` OR OLD.`warehouse_id` IS NOT NEW.`warehouse_id` OR OLD.`opportunity_id` IS NOT NEW.`opportunity_id` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` IN (OLD.`opportunity_id`, NEW.`opportunity_id`) GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` IN (OLD.`opportunity_id`, NEW.`opportunity_id`) GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_line_after_update` AFTER UPDATE OF `amount`, `product_id`, `warehouse_id`, `opportunity_id` ON `opportunity_lines` WHEN OLD.`amount` IS NOT NEW.`amount` OR OLD.`product_id` IS NOT NEW.`product_id` OR OLD.`warehouse_id` IS NOT NEW.`warehouse_id` OR OLD.`opportunity_id` IS NOT NEW.`opportunity_id` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` IN (OLD.`opportunity_id`, NEW.`opportunity_id`) GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` IN (OLD.`opportunity_id`, NEW.`opportunity_id`) GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_line_before_delete` BEFORE DELETE ON `opportunity_lines` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` = OLD.`opportunity_id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = OLD.`opportunity_id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_line_after_delete` AFTER DELETE ON `opportunity_lines` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` = OLD.`opportunity_id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = OLD.`opportunity_id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
-- A deal comes, goes or changes: the same, for its lines and in the pipeline by customer.
CREATE TRIGGER `forecast_cuts_deal_insert` AFTER INSERT ON `opportunities` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` = NEW.`id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = NEW.`id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_customers` (`customer_id`, `close_month`, `deals`, `weighted`)
    SELECT coalesce(o.`customer_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), count(*), sum((CASE WHEN (o.`amount`) * (o.`probability`) >= 0 THEN ((o.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = NEW.`id` GROUP BY 1, 2 ON CONFLICT (`customer_id`, `close_month`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_deal_delete` BEFORE DELETE ON `opportunities` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` = OLD.`id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = OLD.`id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_customers` (`customer_id`, `close_month`, `deals`, `weighted`)
    SELECT coalesce(o.`customer_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), -count(*), -sum((CASE WHEN (o.`amount`) * (o.`probability`) >= 0 THEN ((o.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = OLD.`id` GROUP BY 1, 2 ON CONFLICT (`customer_id`, `close_month`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_deal_before_update` BEFORE UPDATE OF `stage_id`, `owner_id`, `probability`, `expected_close` ON `opportunities` WHEN OLD.`stage_id` IS NOT NEW.`stage_id` OR OLD.`owner_id` IS NOT NEW.`owner_id` OR OLD.`probability` IS NOT NEW.`probability` OR OLD.`expected_close` IS NOT NEW.`expected_close` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` = OLD.`id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = OLD.`id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_deal_after_update` AFTER UPDATE OF `stage_id`, `owner_id`, `probability`, `expected_close` ON `opportunities` WHEN OLD.`stage_id` IS NOT NEW.`stage_id` OR OLD.`owner_id` IS NOT NEW.`owner_id` OR OLD.`probability` IS NOT NEW.`probability` OR OLD.`expected_close` IS NOT NEW.`expected_close` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` = NEW.`id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = NEW.`id` GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_customers_before_update` BEFORE UPDATE OF `stage_id`, `owner_id`, `probability`, `expected_close`, `customer_id`, `amount` ON `opportunities` WHEN OLD.`stage_id` IS NOT NEW.`stage_id` OR OLD.`owner_id` IS NOT NEW.`owner_id` OR OLD.`probability` IS NOT NEW.`probability` OR OLD.`expected_close` IS NOT NEW.`expected_close` OR OLD.`customer_id` IS NOT NEW.`customer_id` OR OLD.`amount` IS NOT NEW.`amount` BEGIN
  INSERT INTO `forecast_customers` (`customer_id`, `close_month`, `deals`, `weighted`)
    SELECT coalesce(o.`customer_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), -count(*), -sum((CASE WHEN (o.`amount`) * (o.`probability`) >= 0 THEN ((o.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = OLD.`id` GROUP BY 1, 2 ON CONFLICT (`customer_id`, `close_month`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_customers_after_update` AFTER UPDATE OF `stage_id`, `owner_id`, `probability`, `expected_close`, `customer_id`, `amount` ON `opportunities` WHEN OLD.`stage_id` IS NOT NEW.`stage_id` OR OLD.`owner_id` IS NOT NEW.`owner_id` OR OLD.`probability` IS NOT NEW.`probability` OR OLD.`expected_close` IS NOT NEW.`expected_close` OR OLD.`customer_id` IS NOT NEW.`customer_id` OR OLD.`amount` IS NOT NEW.`amount` BEGIN
  INSERT INTO `forecast_customers` (`customer_id`, `close_month`, `deals`, `weighted`)
    SELECT coalesce(o.`customer_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), count(*), sum((CASE WHEN (o.`amount`) * (o.`probability`) >= 0 THEN ((o.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE o.`id` = NEW.`id` GROUP BY 1, 2 ON CONFLICT (`customer_id`, `close_month`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
-- A product moves to another category: the deals quoting it move with it.
CREATE TRIGGER `forecast_cuts_product_before_update` BEFORE UPDATE OF `category_id` ON `products` WHEN OLD.`category_id` IS NOT NEW.`category_id` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, -count(DISTINCT o.`id`), -sum(l.`amount`), -sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` IN (SELECT `opportunity_id` FROM `opportunity_lines` WHERE `product_id` = OLD.`id`) GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `forecast_cuts_product_after_update` AFTER UPDATE OF `category_id` ON `products` WHEN OLD.`category_id` IS NOT NEW.`category_id` BEGIN
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE o.`id` IN (SELECT `opportunity_id` FROM `opportunity_lines` WHERE `product_id` = NEW.`id`) GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
-- The tree changes: every top category is found again, and the category cut summed again when it can have moved.
CREATE TRIGGER `category_roots_insert` AFTER INSERT ON `product_categories` BEGIN
  DELETE FROM `category_roots`;
  INSERT INTO `category_roots` (`category_id`, `root_id`)
  SELECT `id`, `at` FROM (
    WITH RECURSIVE up(`id`, `at`, `depth`) AS (
      SELECT `id`, `id`, 0 FROM `product_categories`
      UNION ALL
      SELECT up.`id`, c.`parent_id`, up.`depth` + 1 FROM up JOIN `product_categories` c ON c.`id` = up.`at`
      WHERE up.`depth` < 32 AND c.`parent_id` IN (SELECT `id` FROM `product_categories`))
    SELECT `id`, `at`, max(`depth`) FROM up GROUP BY `id`);
  DELETE FROM `forecast_cuts` WHERE `dimension` = 'category' AND EXISTS (SELECT 1 FROM `product_categories` WHERE `parent_id` = NEW.`id`);
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE EXISTS (SELECT 1 FROM `product_categories` WHERE `parent_id` = NEW.`id`) GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `category_roots_update` AFTER UPDATE OF `parent_id` ON `product_categories` WHEN OLD.`parent_id` IS NOT NEW.`parent_id` BEGIN
  DELETE FROM `category_roots`;
  INSERT INTO `category_roots` (`category_id`, `root_id`)
  SELECT `id`, `at` FROM (
    WITH RECURSIVE up(`id`, `at`, `depth`) AS (
      SELECT `id`, `id`, 0 FROM `product_categories`
      UNION ALL
      SELECT up.`id`, c.`parent_id`, up.`depth` + 1 FROM up JOIN `product_categories` c ON c.`id` = up.`at`
      WHERE up.`depth` < 32 AND c.`parent_id` IN (SELECT `id` FROM `product_categories`))
    SELECT `id`, `at`, max(`depth`) FROM up GROUP BY `id`);
  DELETE FROM `forecast_cuts` WHERE `dimension` = 'category' AND 1;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE 1 GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
CREATE TRIGGER `category_roots_delete` AFTER DELETE ON `product_categories` BEGIN
  DELETE FROM `category_roots`;
  INSERT INTO `category_roots` (`category_id`, `root_id`)
  SELECT `id`, `at` FROM (
    WITH RECURSIVE up(`id`, `at`, `depth`) AS (
      SELECT `id`, `id`, 0 FROM `product_categories`
      UNION ALL
      SELECT up.`id`, c.`parent_id`, up.`depth` + 1 FROM up JOIN `product_categories` c ON c.`id` = up.`at`
      WHERE up.`depth` < 32 AND c.`parent_id` IN (SELECT `id` FROM `product_categories`))
    SELECT `id`, `at`, max(`depth`) FROM up GROUP BY `id`);
  DELETE FROM `forecast_cuts` WHERE `dimension` = 'category' AND 1;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE 1 GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
END;
--> statement-breakpoint
-- A stage becomes open, won or lost: the cuts are summed again.
CREATE TRIGGER `forecast_cuts_stage_kind` AFTER UPDATE OF `kind` ON `stages` WHEN OLD.`kind` IS NOT NEW.`kind` BEGIN
  DELETE FROM `forecast_cuts`;
  DELETE FROM `forecast_customers`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'category', coalesce(r.`root_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open' JOIN `products` p ON p.`id` = l.`product_id` LEFT JOIN `category_roots` r ON r.`category_id` = p.`category_id`
    WHERE 1 GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_cuts` (`dimension`, `key`, `close_month`, `owner_id`, `probability`, `deals`, `amount`, `weighted`)
    SELECT 'warehouse', coalesce(l.`warehouse_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), coalesce(o.`owner_id`, 0), o.`probability`, count(DISTINCT o.`id`), sum(l.`amount`), sum((CASE WHEN (l.`amount`) * (o.`probability`) >= 0 THEN ((l.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(l.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunity_lines` l JOIN `opportunities` o ON o.`id` = l.`opportunity_id` JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE 1 GROUP BY 2, 3, 4, 5 ON CONFLICT (`dimension`, `close_month`, `key`, `owner_id`, `probability`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `amount` = `amount` + excluded.`amount`, `weighted` = `weighted` + excluded.`weighted`;
  INSERT INTO `forecast_customers` (`customer_id`, `close_month`, `deals`, `weighted`)
    SELECT coalesce(o.`customer_id`, 0), coalesce(substr(o.`expected_close`, 1, 7), ''), count(*), sum((CASE WHEN (o.`amount`) * (o.`probability`) >= 0 THEN ((o.`amount`) * (o.`probability`) + 50) / 100 ELSE -((-(o.`amount`) * (o.`probability`) + 50) / 100) END))
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` AND s.`kind` = 'open'
    WHERE 1 GROUP BY 1, 2 ON CONFLICT (`customer_id`, `close_month`) DO UPDATE SET `deals` = `deals` + excluded.`deals`, `weighted` = `weighted` + excluded.`weighted`;
END;
