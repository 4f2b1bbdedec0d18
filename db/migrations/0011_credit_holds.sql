CREATE TABLE `credit_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text,
	`customer_id` integer NOT NULL,
	`hold` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`decided_by` integer,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_holds_uid_unique` ON `credit_holds` (`uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_holds_customerId_unique` ON `credit_holds` (`customer_id`);--> statement-breakpoint
INSERT INTO `credit_holds` (`customer_id`, `hold`, `reason`, `decided_by`, `decided_at`)
  SELECT `id`, `credit_hold`, `hold_reason`, `hold_by`, COALESCE(`hold_at`, '1970-01-01T00:00:00.000Z') FROM `customers`
  WHERE `credit_hold` = 1 OR `hold_at` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `credit_holds_onto_customer` AFTER INSERT ON `credit_holds` BEGIN
  UPDATE `customers` SET `credit_hold` = NEW.`hold`, `hold_reason` = NEW.`reason`, `hold_by` = NEW.`decided_by`, `hold_at` = NEW.`decided_at`
  WHERE `id` = NEW.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `credit_holds_onto_customer_again` AFTER UPDATE ON `credit_holds` BEGIN
  UPDATE `customers` SET `credit_hold` = NEW.`hold`, `hold_reason` = NEW.`reason`, `hold_by` = NEW.`decided_by`, `hold_at` = NEW.`decided_at`
  WHERE `id` = NEW.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `credit_holds_off_customer` AFTER DELETE ON `credit_holds` BEGIN
  UPDATE `customers` SET `credit_hold` = 0, `hold_reason` = '', `hold_by` = NULL, `hold_at` = NULL WHERE `id` = OLD.`customer_id`;
END;
