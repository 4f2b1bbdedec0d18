-- Keep opportunity_lines.demand_* equal to what the pipeline-weighted demand needs from the deal:
-- whether its stage is open, its probability, and the date the line is wanted. The 360° view then
-- sums the demand of a product up to a date from one index range, without joining every deal.
-- A line without any date is dated '' so that it counts at every date.
UPDATE `opportunity_lines` SET (`demand_open`, `demand_probability`, `demand_date`) = (
  SELECT s.`kind` = 'open', o.`probability`, coalesce(`opportunity_lines`.`requested_date`, o.`requested_date`, o.`expected_close`, '')
  FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` WHERE o.`id` = `opportunity_lines`.`opportunity_id`);
--> statement-breakpoint
CREATE TRIGGER `lines_demand_after_insert` AFTER INSERT ON `opportunity_lines` BEGIN
  UPDATE `opportunity_lines` SET (`demand_open`, `demand_probability`, `demand_date`) = (
    SELECT s.`kind` = 'open', o.`probability`, coalesce(NEW.`requested_date`, o.`requested_date`, o.`expected_close`, '')
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` WHERE o.`id` = NEW.`opportunity_id`)
  WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `lines_demand_after_update` AFTER UPDATE OF `requested_date`, `opportunity_id` ON `opportunity_lines` BEGIN
  UPDATE `opportunity_lines` SET (`demand_open`, `demand_probability`, `demand_date`) = (
    SELECT s.`kind` = 'open', o.`probability`, coalesce(NEW.`requested_date`, o.`requested_date`, o.`expected_close`, '')
    FROM `opportunities` o JOIN `stages` s ON s.`id` = o.`stage_id` WHERE o.`id` = NEW.`opportunity_id`)
  WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_demand_after_update` AFTER UPDATE OF `stage_id`, `probability`, `requested_date`, `expected_close` ON `opportunities` BEGIN
  UPDATE `opportunity_lines` SET
    `demand_open` = (SELECT `kind` = 'open' FROM `stages` WHERE `id` = NEW.`stage_id`),
    `demand_probability` = NEW.`probability`,
    `demand_date` = coalesce(`requested_date`, NEW.`requested_date`, NEW.`expected_close`, '')
  WHERE `opportunity_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stages_demand_after_update` AFTER UPDATE OF `kind` ON `stages` BEGIN
  UPDATE `opportunity_lines` SET `demand_open` = (NEW.`kind` = 'open')
  WHERE `opportunity_id` IN (SELECT `id` FROM `opportunities` WHERE `stage_id` = NEW.`id`);
END;
