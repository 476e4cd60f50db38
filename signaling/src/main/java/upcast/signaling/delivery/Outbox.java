package upcast.signaling.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import upcast.signaling.store.StoreException;

/**
 * The durable delivery queue ({@code deliveries} table). A go-live writes every row it will ever
 * deliver in one transaction, so a crash leaves either all of them or none, and what is written is
 * delivered after a restart. Rows are claimed with a conditional update (a lease), so two workers
 * never send the same row at once; the row id is the stable delivery id receivers dedupe on.
 */
public final class Outbox {
  /** A row claimed for one attempt. Exactly one of subscriptionId / webhookId is set. */
  public record Claimed(
      long id,
      @Nullable Long subscriptionId,
      String webhookId,
      String broadcastId,
      int attempt,
      Instant createdAt) {

    /** The id receivers see ({@code Upcast-Delivery} header, push {@code Topic}). */
    public String deliveryId() {
      return Outbox.deliveryId(id);
    }
  }

  /** {@code d<row id>}: short, stable, and within the 32-character push Topic limit. */
  public static String deliveryId(long rowId) {
    return "d" + rowId;
  }

  private static final String PUSH_FANOUT =
      "INSERT INTO deliveries (subscription_id, broadcast_id, state, attempts, next_attempt_at,"
          + " created_at) SELECT s.id, ?, 'pending', 0, ?, ? FROM push_subscriptions s"
          + " JOIN follows f ON f.follower_id = s.user_id"
          + " WHERE f.followee_id = ? AND f.muted = FALSE AND NOT EXISTS (SELECT 1 FROM"
          + " deliveries d WHERE d.subscription_id = s.id AND d.broadcast_id = ?)";

  private static final String WEBHOOK_FANOUT =
      "INSERT INTO deliveries (webhook_id, broadcast_id, state, attempts, next_attempt_at,"
          + " created_at) SELECT w.id, ?, 'pending', 0, ?, ? FROM webhooks w"
          + " JOIN follows f ON f.follower_id = w.user_id"
          + " WHERE f.followee_id = ? AND f.muted = FALSE AND NOT EXISTS (SELECT 1 FROM"
          + " deliveries d WHERE d.webhook_id = w.id AND d.broadcast_id = ?)";

  private final DataSource db;

  public Outbox(DataSource db) {
    this.db = db;
  }

  /**
   * Enqueues, in one transaction, a row for each push subscription and each webhook of every
   * non-muted follower of {@code broadcasterId}. Running it again for the same broadcast adds
   * nothing.
   *
   * @return rows added
   */
  public int enqueue(String broadcastId, long broadcasterId, Instant now) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n = fanOut(c, PUSH_FANOUT, broadcastId, broadcasterId, now);
        n += fanOut(c, WEBHOOK_FANOUT, broadcastId, broadcasterId, now);
        c.commit();
        return n;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("enqueue deliveries", e);
    }
  }

  private static int fanOut(Connection c, String sql, String broadcastId, long userId, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, broadcastId);
      ps.setObject(2, now.atOffset(ZoneOffset.UTC));
      ps.setObject(3, now.atOffset(ZoneOffset.UTC));
      ps.setLong(4, userId);
      ps.setString(5, broadcastId);
      return ps.executeUpdate();
    }
  }

  /**
   * Releases the leases of rows a previous run of this server was delivering when it stopped, so
   * they are retried at once. Upcast runs one server per database; with several, leases would
   * simply be left to expire.
   */
  public int resume() {
    return update(
        "UPDATE deliveries SET lease_until = NULL WHERE state = 'pending' AND lease_until IS NOT"
            + " NULL",
        null,
        null,
        null);
  }

  /** Ids of rows due at {@code now} and not leased, oldest due first. */
  public List<Long> due(Instant now, int limit) {
    String sql =
        "SELECT id FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ?"
            + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, id";
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(limit);
      ps.setObject(1, now.atOffset(ZoneOffset.UTC));
      ps.setObject(2, now.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        List<Long> ids = new ArrayList<>();
        while (rs.next() && ids.size() < limit) {
          ids.add(rs.getLong(1));
        }
        return ids;
      }
    } catch (SQLException e) {
      throw new StoreException("find due deliveries", e);
    }
  }

  /**
   * Claims a due row for one attempt until {@code leaseUntil}, counting the attempt. Empty if it is
   * no longer pending or someone else holds it.
   */
  public Optional<Claimed> claim(long id, Instant now, Instant leaseUntil) {
    String claim =
        "UPDATE deliveries SET attempts = attempts + 1, lease_until = ? WHERE id = ?"
            + " AND state = 'pending' AND (lease_until IS NULL OR lease_until < ?)";
    String read =
        "SELECT subscription_id, webhook_id, broadcast_id, attempts, created_at FROM deliveries"
            + " WHERE id = ?";
    try (Connection c = db.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(claim)) {
        ps.setObject(1, leaseUntil.atOffset(ZoneOffset.UTC));
        ps.setLong(2, id);
        ps.setObject(3, now.atOffset(ZoneOffset.UTC));
        if (ps.executeUpdate() != 1) {
          return Optional.empty();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(read)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          long sub = rs.getLong(1);
          Long subscription = rs.wasNull() ? null : sub;
          return Optional.of(
              new Claimed(
                  id,
                  subscription,
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getObject(5, OffsetDateTime.class).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("claim delivery", e);
    }
  }

  public void delivered(long id, Instant now) {
    finish(id, "delivered", now, null);
  }

  /** Gives up on a row: attempts used up, or a refusal that retrying cannot change. */
  public void dead(long id, Instant now, @Nullable String error) {
    finish(id, "dead", now, error);
  }

  /** Schedules the next attempt and releases the lease. */
  public void retryAt(long id, Instant at, @Nullable String error) {
    update(
        "UPDATE deliveries SET next_attempt_at = ?, lease_until = NULL, last_error = ?"
            + " WHERE id = ? AND state = 'pending'",
        at,
        clip(error),
        id);
  }

  private void finish(long id, String state, Instant now, @Nullable String error) {
    String sql =
        "UPDATE deliveries SET state = '"
            + state
            + "', finished_at = ?, lease_until = NULL, last_error = ? WHERE id = ?";
    update(sql, now, clip(error), id);
  }

  private int update(String sql, @Nullable Instant time, @Nullable String text, @Nullable Long id) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setObject(1, Objects.requireNonNull(time, "time").atOffset(ZoneOffset.UTC));
        if (text == null) {
          ps.setNull(2, Types.VARCHAR);
        } else {
          ps.setString(2, text);
        }
        ps.setLong(3, id);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("update delivery", e);
    }
  }

  private static @Nullable String clip(@Nullable String error) {
    return error == null || error.length() <= 500 ? error : error.substring(0, 500);
  }
}
