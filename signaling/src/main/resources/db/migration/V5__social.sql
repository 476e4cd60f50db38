-- The social graph's extras: a linked X/Twitter account per user (one Upcast user per X account),
-- and follows imported before their target joined Upcast, resolved when they sign up or link X.
ALTER TABLE users ADD COLUMN x_handle VARCHAR(15);
ALTER TABLE users ADD COLUMN x_handle_key VARCHAR(15);
ALTER TABLE users ADD COLUMN x_account_id VARCHAR(20);

CREATE UNIQUE INDEX users_by_x_account ON users (x_account_id);
CREATE INDEX users_by_x_handle ON users (x_handle_key);

-- kind: 'x_id' (an X account id from an archive) or 'handle' (a lower-cased handle from a CSV,
-- matching an Upcast handle or a linked X handle).
CREATE TABLE pending_follows (
  importer_id BIGINT NOT NULL REFERENCES users (id),
  kind VARCHAR(8) NOT NULL,
  match_value VARCHAR(20) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (importer_id, kind, match_value)
);

CREATE INDEX pending_follows_by_value ON pending_follows (kind, match_value);
