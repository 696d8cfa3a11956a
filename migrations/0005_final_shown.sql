ALTER TABLE `generations` ADD `final_shown_at` integer;--> statement-breakpoint
-- Hand-written: jobs finished before this migration count as shown, so the first start after it does not
-- edit every old message again.
UPDATE `generations` SET `final_shown_at` = `updated_at` WHERE `status` IN ('done', 'failed', 'blocked');--> statement-breakpoint
CREATE INDEX `generations_unshown_idx` ON `generations` (`updated_at`) WHERE final_shown_at is null and message_id is not null and status in ('done', 'failed', 'blocked');
