ALTER TABLE `generations` ADD `owner` text;--> statement-breakpoint
ALTER TABLE `generations` ADD `lease_until` integer;