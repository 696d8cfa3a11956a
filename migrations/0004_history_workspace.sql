DROP INDEX `generation_options_user_idx`;--> statement-breakpoint
CREATE INDEX `generation_options_user_idx` ON `generation_options` (`user_id`,`dimension`,`option`,`status`,`created_at`,`platform`,`workspace_id`,`catalog_id`);--> statement-breakpoint
DROP INDEX `generations_history_idx`;--> statement-breakpoint
CREATE INDEX `generations_history_idx` ON `generations` (`user_id`,`status`,`created_at`,`platform`,`workspace_id`,`catalog_id`);--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers): option rows copy the status of their generation,
-- so a status write is one statement instead of a transaction of two, whoever writes it.
CREATE TRIGGER `generation_options_status_sync` AFTER UPDATE OF `status` ON `generations`
WHEN NEW.`status` IS NOT OLD.`status`
BEGIN
  UPDATE `generation_options` SET `status` = NEW.`status` WHERE `generation_id` = NEW.`id`;
END;
