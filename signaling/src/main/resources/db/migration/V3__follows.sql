-- Who follows whom. Shared by profiles, comment permissions (followers-only) and go-live
-- notifications; muted follows get no notifications. The second index serves "followers of X",
-- the fan-out query when X goes live.
CREATE TABLE follows (
  follower_id BIGINT NOT NULL REFERENCES users (id),
  followee_id BIGINT NOT NULL REFERENCES users (id),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  muted BOOLEAN DEFAULT FALSE NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);

CREATE INDEX follows_by_followee ON follows (followee_id, follower_id);
