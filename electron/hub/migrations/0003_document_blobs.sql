-- Documents sync by content (issue 13): a desk sends the file it attached, named by its SHA-256;
-- another desk fetches it when its person opens it. One row per content, whatever how often attached.
CREATE TABLE document_blobs (
  hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  size integer NOT NULL,
  stored_at timestamptz NOT NULL,
  stored_by text NOT NULL
);
