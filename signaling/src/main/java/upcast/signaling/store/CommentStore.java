package upcast.signaling.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Live comments and per-broadcast blocks (V2). */
public final class CommentStore {
  private static final String SELECT =
      "SELECT c.id, c.user_id, u.handle, c.text, c.created_at, c.offset_ms"
          + " FROM comments c JOIN users u ON u.id = c.user_id ";

  private final Database db;

  public CommentStore(Database db) {
    this.db = db;
  }

  /** Stores a comment and returns it with its id (ids grow in the order comments are added). */
  public Comment add(String broadcastId, User author, String text, Instant at, long offsetMs) {
    String sql =
        "INSERT INTO comments (broadcast_id, user_id, text, created_at, offset_ms)"
            + " VALUES (?, ?, ?, ?, ?)";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, broadcastId);
      ps.setLong(2, author.id());
      ps.setString(3, text);
      ps.setObject(4, at.atOffset(ZoneOffset.UTC));
      ps.setLong(5, offsetMs);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return new Comment(keys.getLong(1), author.id(), author.handle(), text, at, offsetMs);
      }
    } catch (SQLException e) {
      throw new StoreException("add comment", e);
    }
  }

  /** Up to {@code limit} visible comments after the one with id {@code afterId}, in order. */
  public List<Comment> page(String broadcastId, long afterId, int limit) {
    return query(
        SELECT
            + "WHERE c.broadcast_id = ? AND c.removed = FALSE AND c.id > ? ORDER BY c.id LIMIT "
            + limit,
        broadcastId,
        afterId);
  }

  /** The last {@code n} visible comments, oldest first (the scroll-back a late joiner gets). */
  public List<Comment> latest(String broadcastId, int n) {
    List<Comment> newestFirst =
        query(
            SELECT + "WHERE c.broadcast_id = ? AND c.removed = FALSE ORDER BY c.id DESC LIMIT " + n,
            broadcastId);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /**
   * Blocks a user for the rest of a broadcast and removes their comments in it, in one transaction;
   * idempotent.
   *
   * @return the ids of the comments this call removed
   */
  public List<Long> block(String broadcastId, long userId, Instant at) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        List<Long> removed = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM comments WHERE broadcast_id = ? AND user_id = ?"
                    + " AND removed = FALSE ORDER BY id")) {
          ps.setString(1, broadcastId);
          ps.setLong(2, userId);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              removed.add(rs.getLong(1));
            }
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE comments SET removed = TRUE WHERE broadcast_id = ? AND user_id = ?")) {
          ps.setString(1, broadcastId);
          ps.setLong(2, userId);
          ps.executeUpdate();
        }
        if (!isBlocked(c, broadcastId, userId)) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO blocks (broadcast_id, user_id, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, broadcastId);
            ps.setLong(2, userId);
            ps.setObject(3, at.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
          }
        }
        c.commit();
        return removed;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("block user", e);
    }
  }

  /** The users blocked in a broadcast. */
  public Set<Long> blocked(String broadcastId) {
    String sql = "SELECT user_id FROM blocks WHERE broadcast_id = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, broadcastId);
      Set<Long> out = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("read blocks", e);
    }
  }

  private static boolean isBlocked(Connection c, String broadcastId, long userId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM blocks WHERE broadcast_id = ? AND user_id = ?")) {
      ps.setString(1, broadcastId);
      ps.setLong(2, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private List<Comment> query(String sql, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Comment> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Comment(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5, OffsetDateTime.class).toInstant(),
                  rs.getLong(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("read comments", e);
    }
  }
}
