-- The hub's own schema (TEAM.md). Forward-only: a migration is never edited once shipped.

-- one row: the epoch changes when the database is restored or recreated, so desks re-pull everything
CREATE TABLE hub_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO hub_meta (key, value) VALUES ('epoch', gen_random_uuid()::text), ('fourEyes', 'true');

CREATE TABLE users (
  id uuid PRIMARY KEY,
  login text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9._-]{2,40}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  roles text[] NOT NULL CHECK (roles <@ ARRAY['trader','purchasing','finance','manager','admin']::text[] AND cardinality(roles) > 0),
  -- scrypt$N$r$p$salt$hash (base64)
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- failed logins per login name, for the slow-down (kept even for unknown logins: no user enumeration)
CREATE TABLE login_failures (
  login text PRIMARY KEY,
  count integer NOT NULL,
  last_at timestamptz NOT NULL
);

-- a desk is one SQLite file at one place; its mutation numbers are its own
CREATE TABLE desks (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  last_mutation bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz
);

-- only the SHA-256 of a token is kept: a stolen table opens nothing
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  desk_id uuid REFERENCES desks (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- every mutation a desk pushed, applied or rejected, with its result: a replay is answered from here
CREATE TABLE mutations (
  desk_id uuid NOT NULL REFERENCES desks (id),
  number bigint NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  row_table text NOT NULL,
  row_id uuid NOT NULL,
  op text NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  reason text,
  version bigint,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desk_id, number)
);

-- the team's app-owned rows, as the hub keeps them: one JSON document per row, in global ids
CREATE TABLE team_rows (
  row_table text NOT NULL,
  row_id uuid NOT NULL,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  PRIMARY KEY (row_table, row_id)
);

-- the change feed: read by (xid, seq) below the oldest running transaction (the fence), never by seq alone
CREATE TABLE changes (
  seq bigserial PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  row_table text NOT NULL,
  row_id uuid NOT NULL,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  desk_id uuid,
  mutation bigint,
  user_id uuid,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_feed ON changes (xid, seq);

-- money and quantities edited at two desks from the same version: both people see it
CREATE TABLE conflicts (
  id uuid PRIMARY KEY,
  row_table text NOT NULL,
  row_id uuid NOT NULL,
  field text NOT NULL,
  hub_value jsonb,
  desk_value jsonb,
  desk_id uuid NOT NULL,
  mutation bigint NOT NULL,
  user_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

-- references (OPP-2026-000123): one counter per prefix and year, leased to desks in blocks
CREATE TABLE reference_counters (
  prefix text NOT NULL,
  year integer NOT NULL,
  next_value bigint NOT NULL,
  PRIMARY KEY (prefix, year)
);
CREATE TABLE reference_leases (
  id bigserial PRIMARY KEY,
  desk_id uuid NOT NULL REFERENCES desks (id),
  prefix text NOT NULL,
  year integer NOT NULL,
  first_value bigint NOT NULL,
  last_value bigint NOT NULL,
  leased_at timestamptz NOT NULL DEFAULT now()
);
