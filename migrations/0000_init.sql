CREATE TABLE `generation_options` (
	`generation_id` text NOT NULL,
	`dimension` text NOT NULL,
	`option` text NOT NULL,
	`user_id` text NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`catalog_id` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`generation_id`, `dimension`),
	FOREIGN KEY (`generation_id`) REFERENCES `generations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `generation_options_user_idx` ON `generation_options` (`user_id`,`dimension`,`option`,`status`,`created_at`,`platform`,`catalog_id`);--> statement-breakpoint
CREATE TABLE `generations` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`platform` text NOT NULL,
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`user_id` text NOT NULL,
	`message_id` text,
	`reply_ref` text,
	`catalog_id` text NOT NULL,
	`options` text NOT NULL,
	`extra` text DEFAULT '' NOT NULL,
	`aspect` text NOT NULL,
	`prompt_hash` text NOT NULL,
	`seed` integer NOT NULL,
	`model` text NOT NULL,
	`status` text NOT NULL,
	`status_detail` text,
	`error_class` text,
	`error_message` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`request_id` text,
	`parent_id` text,
	`sequence_id` text,
	`image_key` text,
	`image_url` text,
	`thumb_key` text,
	`thumb_url` text,
	`width` integer,
	`height` integer,
	`bytes` integer,
	`submitted_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`cost_micros` integer DEFAULT 0 NOT NULL,
	`is_example` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `generations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `generations_history_idx` ON `generations` (`user_id`,`status`,`created_at`,`platform`,`catalog_id`);--> statement-breakpoint
CREATE INDEX `generations_status_created_idx` ON `generations` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `generations_message_idx` ON `generations` (`platform`,`message_id`) WHERE "generations"."message_id" is not null;--> statement-breakpoint
CREATE INDEX `generations_reuse_idx` ON `generations` (`prompt_hash`,`model`,`seed`);--> statement-breakpoint
CREATE INDEX `generations_request_idx` ON `generations` (`request_id`) WHERE "generations"."request_id" is not null;--> statement-breakpoint
CREATE INDEX `generations_parent_idx` ON `generations` (`parent_id`) WHERE "generations"."parent_id" is not null;--> statement-breakpoint
CREATE INDEX `generations_sequence_idx` ON `generations` (`sequence_id`) WHERE "generations"."sequence_id" is not null;--> statement-breakpoint
CREATE INDEX `generations_examples_idx` ON `generations` (`catalog_id`,`created_at`) WHERE "generations"."is_example" = 1;--> statement-breakpoint
CREATE TABLE `prompt_cache` (
	`hash` text PRIMARY KEY NOT NULL,
	`catalog_id` text NOT NULL,
	`prompt` text NOT NULL,
	`negative_prompt` text NOT NULL,
	`params` text NOT NULL,
	`created_at` integer NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL
);
