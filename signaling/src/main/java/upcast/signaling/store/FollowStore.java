package upcast.signaling.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads of the follow graph ({@code follows}, V3). */
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
}
