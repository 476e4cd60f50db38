package upcast.signaling.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Inbox items (V4): the go-live fan-out, pages, unread counts, marking read. */
public final class NotificationStore {
  public static final String LIVE = "live";

  private static final String SELECT =
      "SELECT n.id, n.user_id, n.kind, n.broadcast_id, b.title, b.ended_at, u.handle,"
          + " n.created_at, n.read_at FROM notifications n"
          + " JOIN broadcasts b ON b.id = n.broadcast_id JOIN users u ON u.id = b.user_id ";

  private final Database db;

  public NotificationStore(Database db) {
    this.db = db;
  }

  /**
   * Gives every follower of the broadcaster who has not muted them one {@code live} item for the
   * broadcast, in one statement; running it again adds nothing.
   *
   * @return how many items were added
   */
  public int fanOutLive(String broadcastId, long broadcasterId, Instant at) {
    String sql =
        "INSERT INTO notifications (user_id, kind, broadcast_id, created_at)"
            + " SELECT f.follower_id, '"
            + LIVE
            + "', ?, ? FROM follows f WHERE f.followee_id = ? AND f.muted = FALSE"
            + " AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = f.follower_id"
            + " AND n.broadcast_id = ? AND n.kind = '"
            + LIVE
            + "')";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, broadcastId);
      ps.setObject(2, at.atOffset(ZoneOffset.UTC));
      ps.setLong(3, broadcasterId);
      ps.setString(4, broadcastId);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("fan out notifications", e);
    }
  }

  /** A user's items with ids below {@code beforeId}, newest first. */
  public List<NotificationRecord> page(long userId, long beforeId, int limit) {
    return query(
        SELECT + "WHERE n.user_id = ? AND n.id < ? ORDER BY n.id DESC LIMIT " + limit,
        userId,
        beforeId);
  }

  /** A user's unread items with ids above {@code afterId}, oldest first (SSE replay). */
  public List<NotificationRecord> unreadAfter(long userId, long afterId, int limit) {
    return query(
        SELECT
            + "WHERE n.user_id = ? AND n.id > ? AND n.read_at IS NULL ORDER BY n.id LIMIT "
            + limit,
        userId,
        afterId);
  }

  /** The items of one broadcast for some users (the ones online when it started). */
  public List<NotificationRecord> ofBroadcastFor(String broadcastId, Collection<Long> userIds) {
    List<NotificationRecord> out = new ArrayList<>();
    List<Long> ids = new ArrayList<>(userIds);
    for (int i = 0; i < ids.size(); i += 500) {
      List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
      Object[] args = new Object[chunk.size() + 1];
      args[0] = broadcastId;
      for (int j = 0; j < chunk.size(); j++) {
        args[j + 1] = chunk.get(j);
      }
      out.addAll(
          query(
              SELECT
                  + "WHERE n.broadcast_id = ? AND n.user_id IN ("
                  + String.join(",", Collections.nCopies(chunk.size(), "?"))
                  + ")",
              args));
    }
    return out;
  }

  public long unread(long userId) {
    String sql = "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("count unread", e);
    }
  }

  /** Marks some (or, with null, all) of a user's items read. */
  public void markRead(long userId, @Nullable Collection<Long> ids, Instant at) {
    if (ids != null && ids.isEmpty()) {
      return;
    }
    String sql =
        "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL"
            + (ids == null
                ? ""
                : " AND id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")");
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, at.atOffset(ZoneOffset.UTC));
      ps.setLong(2, userId);
      if (ids != null) {
        int i = 3;
        for (long id : ids) {
          ps.setLong(i++, id);
        }
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("mark read", e);
    }
  }

  /** How many {@code live} items a broadcast has (the fan-out benchmark's check). */
  public long countFor(String broadcastId) {
    String sql = "SELECT COUNT(*) FROM notifications WHERE broadcast_id = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, broadcastId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("count notifications", e);
    }
  }

  private List<NotificationRecord> query(String sql, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<NotificationRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new NotificationRecord(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getObject(6, OffsetDateTime.class) == null,
                  rs.getString(7),
                  rs.getObject(8, OffsetDateTime.class).toInstant(),
                  rs.getObject(9, OffsetDateTime.class) != null));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("read notifications", e);
    }
  }
}
