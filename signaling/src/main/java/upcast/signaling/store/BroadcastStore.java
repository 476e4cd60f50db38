package upcast.signaling.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Broadcast history: who, what title, when it started and ended. */
public final class BroadcastStore {
  private static final String SELECT =
      "SELECT b.id, b.user_id, u.handle, b.title, b.started_at, b.ended_at, b.hearts, b.comments"
          + " FROM broadcasts b JOIN users u ON u.id = b.user_id ";

  private final Database db;

  public BroadcastStore(Database db) {
    this.db = db;
  }

  public BroadcastRecord create(String id, User owner, String title, Instant startedAt) {
    String sql = "INSERT INTO broadcasts (id, user_id, title, started_at) VALUES (?, ?, ?, ?)";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      ps.setLong(2, owner.id());
      ps.setString(3, title);
      ps.setObject(4, startedAt.atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
      return new BroadcastRecord(
          id, owner.id(), owner.handle(), title, startedAt, null, 0, "everyone");
    } catch (SQLException e) {
      throw new StoreException("create broadcast", e);
    }
  }

  /** Removes a broadcast that never went live (its offer was refused). */
  public void delete(String id) {
    update("DELETE FROM broadcasts WHERE id = ? AND ended_at IS NULL", id);
  }

  /** Marks a live broadcast ended; false if it was not live. */
  public boolean end(String id, Instant endedAt) {
    String sql = "UPDATE broadcasts SET ended_at = ? WHERE id = ? AND ended_at IS NULL";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, endedAt.atOffset(ZoneOffset.UTC));
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("end broadcast", e);
    }
  }

  /** Ends every broadcast a previous process left live: its media died with that process. */
  public int endAllLive(Instant endedAt) {
    String sql = "UPDATE broadcasts SET ended_at = ? WHERE ended_at IS NULL";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, endedAt.atOffset(ZoneOffset.UTC));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("end stale broadcasts", e);
    }
  }

  public Optional<BroadcastRecord> find(String id) {
    List<BroadcastRecord> r = query(SELECT + "WHERE b.id = ?", id);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  public Optional<BroadcastRecord> liveOf(long userId) {
    List<BroadcastRecord> r = query(SELECT + "WHERE b.user_id = ? AND b.ended_at IS NULL", userId);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  /** Live broadcasts, newest first. */
  public List<BroadcastRecord> live(int limit) {
    return query(SELECT + "WHERE b.ended_at IS NULL ORDER BY b.started_at DESC LIMIT " + limit);
  }

  /** One user's broadcasts, newest first. */
  public List<BroadcastRecord> ofUser(long userId, int limit) {
    return query(SELECT + "WHERE b.user_id = ? ORDER BY b.started_at DESC LIMIT " + limit, userId);
  }

  /** All broadcasts, newest first. */
  public List<BroadcastRecord> recent(int limit) {
    return query(SELECT + "ORDER BY b.started_at DESC LIMIT " + limit);
  }

  /** Stores a broadcast's heart total (the chat keeps the live one in memory). */
  public void setHearts(String id, long hearts) {
    update("UPDATE broadcasts SET hearts = ? WHERE id = ?", hearts, id);
  }

  /** Stores who may comment: {@code everyone}, {@code followers} or {@code off}. */
  public void setComments(String id, String setting) {
    update("UPDATE broadcasts SET comments = ? WHERE id = ?", setting, id);
  }

  private void update(String sql, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("update broadcast", e);
    }
  }

  private List<BroadcastRecord> query(String sql, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<BroadcastRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime ended = rs.getObject(6, OffsetDateTime.class);
          out.add(
              new BroadcastRecord(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5, OffsetDateTime.class).toInstant(),
                  ended == null ? null : ended.toInstant(),
                  rs.getLong(7),
                  rs.getString(8)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("query broadcasts", e);
    }
  }
}
