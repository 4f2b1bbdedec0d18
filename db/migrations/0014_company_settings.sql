CREATE TABLE `company_settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_by` integer,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `company_settings_uid_unique` ON `company_settings` (`uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `company_settings_key_unique` ON `company_settings` (`key`);--> statement-breakpoint
INSERT INTO `company_settings` (`key`, `value`, `updated_at`)
  SELECT `key`, `value`, `updated_at` FROM `settings` WHERE `key` IN ('approvals.fourEyes', 'pipeline.lostReasons', 'costBasis');
--> statement-breakpoint
CREATE TRIGGER `company_settings_onto_settings` AFTER INSERT ON `company_settings` BEGIN
  INSERT INTO `settings` (`key`, `value`, `updated_at`) VALUES (NEW.`key`, NEW.`value`, NEW.`updated_at`)
  ON CONFLICT (`key`) DO UPDATE SET `value` = excluded.`value`, `updated_at` = excluded.`updated_at`;
END;
--> statement-breakpoint
CREATE TRIGGER `company_settings_onto_settings_again` AFTER UPDATE ON `company_settings` BEGIN
  INSERT INTO `settings` (`key`, `value`, `updated_at`) VALUES (NEW.`key`, NEW.`value`, NEW.`updated_at`)
  ON CONFLICT (`key`) DO UPDATE SET `value` = excluded.`value`, `updated_at` = excluded.`updated_at`;
END;
--> statement-breakpoint
CREATE TRIGGER `company_settings_off_settings` AFTER DELETE ON `company_settings` BEGIN
  DELETE FROM `settings` WHERE `key` = OLD.`key`;
END;
