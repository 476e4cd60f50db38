package upcast.signaling.delivery.push;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import upcast.signaling.store.StoreException;

/** Push subscriptions by endpoint: one endpoint belongs to one browser profile, hence one user. */
public final class PushSubscriptionStore {
  private static final String SELECT =
      "SELECT id, user_id, endpoint, p256dh, auth, created_at FROM push_subscriptions ";

  private final DataSource db;

  public PushSubscriptionStore(DataSource db) {
    this.db = db;
  }

  /**
   * Saves a subscription for {@code userId}. An endpoint already known (the browser subscribed
   * again, or another account signed in on it) is updated and moves to this user.
   *
   * @return true if the endpoint was new
   */
  public boolean save(long userId, String endpoint, String p256dh, String auth, Instant now) {
    String update =
        "UPDATE push_subscriptions SET user_id = ?, p256dh = ?, auth = ? WHERE endpoint = ?";
    String insert =
        "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    try (Connection c = db.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(update)) {
        ps.setLong(1, userId);
        ps.setString(2, p256dh);
        ps.setString(3, auth);
        ps.setString(4, endpoint);
        if (ps.executeUpdate() == 1) {
          return false;
        }
      }
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        ps.setLong(1, userId);
        ps.setString(2, endpoint);
        ps.setString(3, p256dh);
        ps.setString(4, auth);
        ps.setObject(5, now.atOffset(ZoneOffset.UTC));
        ps.executeUpdate();
        return true;
      }
    } catch (SQLException e) {
      throw new StoreException("save push subscription", e);
    }
  }

  public int countOf(long userId) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM push_subscriptions WHERE user_id = ?")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("count push subscriptions", e);
    }
  }

  /** Removes the user's subscription with this endpoint; false if there is none. */
  public boolean delete(long userId, String endpoint) {
    return update(
        "DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?", userId, endpoint);
  }

  /** Removes a subscription the push service reported gone (RFC 8030 §7.3: 404/410). */
  public void deleteById(long id) {
    update("DELETE FROM push_subscriptions WHERE id = ?", id, null);
  }

  public Optional<PushSubscription> find(long id) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new PushSubscription(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant()));
      }
    } catch (SQLException e) {
      throw new StoreException("find push subscription", e);
    }
  }

  private boolean update(String sql, long id, @Nullable String text) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      if (text != null) {
        ps.setString(2, text);
      }
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("delete push subscription", e);
    }
  }
}
