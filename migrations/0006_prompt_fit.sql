ALTER TABLE `generations` ADD `prompt_tokens` integer;--> statement-breakpoint
ALTER TABLE `generations` ADD `prompt_fit` text;