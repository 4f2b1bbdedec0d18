-- Keep opportunities.next_activity_at/_title equal to the earliest open, dated activity of the deal,
-- whoever writes activities: the grid sorts and filters on them without a subquery per row.
UPDATE `opportunities` SET (`next_activity_at`, `next_activity_title`) = (
  SELECT a.`due_at`, a.`title` FROM `activities` a
  WHERE a.`opportunity_id` = `opportunities`.`id` AND a.`done_at` IS NULL AND a.`due_at` IS NOT NULL
  ORDER BY a.`due_at`, a.`id` LIMIT 1);
--> statement-breakpoint
CREATE TRIGGER `activities_next_after_insert` AFTER INSERT ON `activities` WHEN NEW.`opportunity_id` IS NOT NULL BEGIN
  UPDATE `opportunities` SET (`next_activity_at`, `next_activity_title`) = (
    SELECT a.`due_at`, a.`title` FROM `activities` a
    WHERE a.`opportunity_id` = NEW.`opportunity_id` AND a.`done_at` IS NULL AND a.`due_at` IS NOT NULL
    ORDER BY a.`due_at`, a.`id` LIMIT 1)
  WHERE `id` = NEW.`opportunity_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `activities_next_after_update` AFTER UPDATE ON `activities` BEGIN
  UPDATE `opportunities` SET (`next_activity_at`, `next_activity_title`) = (
    SELECT a.`due_at`, a.`title` FROM `activities` a
    WHERE a.`opportunity_id` = `opportunities`.`id` AND a.`done_at` IS NULL AND a.`due_at` IS NOT NULL
    ORDER BY a.`due_at`, a.`id` LIMIT 1)
  WHERE `id` IN (NEW.`opportunity_id`, OLD.`opportunity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `activities_next_after_delete` AFTER DELETE ON `activities` WHEN OLD.`opportunity_id` IS NOT NULL BEGIN
  UPDATE `opportunities` SET (`next_activity_at`, `next_activity_title`) = (
    SELECT a.`due_at`, a.`title` FROM `activities` a
    WHERE a.`opportunity_id` = OLD.`opportunity_id` AND a.`done_at` IS NULL AND a.`due_at` IS NOT NULL
    ORDER BY a.`due_at`, a.`id` LIMIT 1)
  WHERE `id` = OLD.`opportunity_id`;
END;
