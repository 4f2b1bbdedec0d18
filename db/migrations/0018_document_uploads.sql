CREATE TABLE `document_uploads` (
	`hash` text PRIMARY KEY NOT NULL,
	`sent_at` text NOT NULL
);
