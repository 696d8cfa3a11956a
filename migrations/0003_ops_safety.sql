CREATE TABLE `alert_state` (
	`key` text PRIMARY KEY NOT NULL,
	`last_sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_bans` (
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`banned_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `workspace_id`, `user_id`)
);
--> statement-breakpoint
ALTER TABLE `generations` ADD `nsfw_allowed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `generations` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `generations` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `quota_settings` ADD `paused` integer;