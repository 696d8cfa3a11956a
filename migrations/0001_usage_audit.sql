CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`user_id` text NOT NULL,
	`action` text NOT NULL,
	`target_id` text,
	`details` text NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_user_idx` ON `audit_log` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `quota_settings` (
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`user_hourly` integer,
	`user_daily` integer,
	`workspace_daily` integer,
	`user_in_flight` integer,
	`budget_daily_micros` integer,
	`budget_monthly_micros` integer,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`platform`, `workspace_id`)
);
--> statement-breakpoint
CREATE INDEX `generations_usage_workspace_idx` ON `generations` (`workspace_id`,`platform`,`created_at`,`status`,`cost_micros`) WHERE "generations"."status" <> 'failed';--> statement-breakpoint
CREATE INDEX `generations_created_idx` ON `generations` (`created_at`);