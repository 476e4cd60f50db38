package upcast.signaling.delivery.webhook;

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
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import upcast.signaling.store.StoreException;

/** Webhooks by owner. */
public final class WebhookStore {
  private static final String SELECT = "SELECT id, user_id, url, secret, created_at FROM webhooks ";

  private final DataSource db;

  public WebhookStore(DataSource db) {
    this.db = db;
  }

  public Webhook create(String id, long userId, String url, String secret, Instant now) {
    String sql =
        "INSERT INTO webhooks (id, user_id, url, secret, created_at) VALUES (?, ?, ?, ?, ?)";
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      ps.setLong(2, userId);
      ps.setString(3, url);
      ps.setString(4, secret);
      ps.setObject(5, now.atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
      return new Webhook(id, userId, url, secret, now);
    } catch (SQLException e) {
      throw new StoreException("create webhook", e);
    }
  }

  /** The user's webhooks, oldest first. */
  public List<Webhook> of(long userId) {
    return query(SELECT + "WHERE user_id = ? ORDER BY created_at, id", userId, null);
  }

  public Optional<Webhook> find(String id) {
    List<Webhook> r = query(SELECT + "WHERE id = ?", null, id);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  /** Removes the user's webhook (and its pending deliveries); false if the user has no such one. */
  public boolean delete(long userId, String id) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM webhooks WHERE user_id = ? AND id = ?")) {
      ps.setLong(1, userId);
      ps.setString(2, id);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("delete webhook", e);
    }
  }

  private List<Webhook> query(String sql, @Nullable Long userId, @Nullable String id) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (userId != null) {
        ps.setLong(1, userId);
      } else {
        ps.setString(1, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<Webhook> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new Webhook(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5, OffsetDateTime.class).toInstant()));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("query webhooks", e);
    }
  }
}
