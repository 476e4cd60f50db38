package upcast.signaling.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The follow graph ({@code follows}, V3). */
public final class FollowStore {
  private final Database db;

  public FollowStore(Database db) {
    this.db = db;
  }

  /** Whether {@code followerId} follows {@code followeeId} (muted or not). */
  public boolean isFollowing(long followerId, long followeeId) {
    String sql = "SELECT 1 FROM follows WHERE follower_id = ? AND followee_id = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, followerId);
      ps.setLong(2, followeeId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new StoreException("read follow", e);
    }
  }

  /** Follows; idempotent. True if this call added the follow. */
  public boolean follow(long followerId, long followeeId, Instant at) {
    return followAll(followerId, List.of(followeeId), at) == 1;
  }

  /**
   * Follows every user in {@code followeeIds} not followed yet, in one batch (imports of tens of
   * thousands stay fast).
   *
   * @return how many follows were added
   */
  public int followAll(long followerId, Collection<Long> followeeIds, Instant at) {
    if (followeeIds.isEmpty()) {
      return 0;
    }
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Set<Long> existing = followees(c, followerId);
        int added = 0;
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)")) {
          for (long id : new HashSet<>(followeeIds)) {
            if (id == followerId || existing.contains(id)) {
              continue;
            }
            ps.setLong(1, followerId);
            ps.setLong(2, id);
            ps.setObject(3, at.atOffset(ZoneOffset.UTC));
            ps.addBatch();
            added++;
          }
          ps.executeBatch();
        }
        c.commit();
        return added;
      } catch (SQLException e) {
        c.rollback();
        if (UserStore.isUniqueViolation(e) && followeeIds.size() == 1) {
          return 0; // a concurrent identical follow won
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("follow", e);
    }
  }

  /** Unfollows; idempotent. True if there was a follow. */
  public boolean unfollow(long followerId, long followeeId) {
    String sql = "DELETE FROM follows WHERE follower_id = ? AND followee_id = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, followerId);
      ps.setLong(2, followeeId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("unfollow", e);
    }
  }

  /**
   * Sets whether {@code followerId} gets notifications from {@code followeeId}; false if no follow.
   */
  public boolean setMuted(long followerId, long followeeId, boolean muted) {
    String sql = "UPDATE follows SET muted = ? WHERE follower_id = ? AND followee_id = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setBoolean(1, muted);
      ps.setLong(2, followerId);
      ps.setLong(3, followeeId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("mute", e);
    }
  }

  public long followerCount(long userId) {
    return count("SELECT COUNT(*) FROM follows WHERE followee_id = ?", userId);
  }

  public long followingCount(long userId) {
    return count("SELECT COUNT(*) FROM follows WHERE follower_id = ?", userId);
  }

  /** Followers of {@code userId} with ids above {@code afterId}, by id (keyset paging). */
  public List<User> followers(long userId, long afterId, int limit) {
    return users(
        "SELECT u.id, u.handle FROM follows f JOIN users u ON u.id = f.follower_id"
            + " WHERE f.followee_id = ? AND u.id > ? ORDER BY u.id LIMIT "
            + limit,
        userId,
        afterId);
  }

  /** Users {@code userId} follows with ids above {@code afterId}, by id (keyset paging). */
  public List<User> following(long userId, long afterId, int limit) {
    return users(
        "SELECT u.id, u.handle FROM follows f JOIN users u ON u.id = f.followee_id"
            + " WHERE f.follower_id = ? AND u.id > ? ORDER BY u.id LIMIT "
            + limit,
        userId,
        afterId);
  }

  /** Which of {@code candidates} {@code followerId} follows. */
  public Set<Long> followedAmong(long followerId, Collection<Long> candidates) {
    if (candidates.isEmpty()) {
      return Set.of();
    }
    try (Connection c = db.connection()) {
      Set<Long> all = followees(c, followerId);
      all.retainAll(new HashSet<>(candidates));
      return all;
    } catch (SQLException e) {
      throw new StoreException("read follows", e);
    }
  }

  private static Set<Long> followees(Connection c, long followerId) throws SQLException {
    Set<Long> out = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT followee_id FROM follows WHERE follower_id = ?")) {
      ps.setLong(1, followerId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  private long count(String sql, long id) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("count follows", e);
    }
  }

  private List<User> users(String sql, long a, long b) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, a);
      ps.setLong(2, b);
      List<User> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new User(rs.getLong(1), rs.getString(2)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("read follows", e);
    }
  }
}
