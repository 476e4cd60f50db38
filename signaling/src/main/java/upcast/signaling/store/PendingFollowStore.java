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
import org.jspecify.annotations.Nullable;

/**
 * Imported follows of people not on Upcast yet (V5): kept per importer and matched when someone
 * signs up or links X. {@code kind} is {@code x_id} (an X account id) or {@code handle} (a
 * lower-case handle, matching an Upcast handle or a linked X handle).
 */
public final class PendingFollowStore {
  public static final String X_ID = "x_id";
  public static final String HANDLE = "handle";

  private final Database db;

  public PendingFollowStore(Database db) {
    this.db = db;
  }

  /** Stores pending follows not stored yet; returns how many are pending for these values now. */
  public int addAll(long importerId, String kind, Collection<String> values, Instant at) {
    if (values.isEmpty()) {
      return 0;
    }
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Set<String> existing = new HashSet<>();
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT match_value FROM pending_follows WHERE importer_id = ? AND kind = ?")) {
          ps.setLong(1, importerId);
          ps.setString(2, kind);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              existing.add(rs.getString(1));
            }
          }
        }
        Set<String> unique = new HashSet<>(values);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO pending_follows (importer_id, kind, match_value, created_at)"
                    + " VALUES (?, ?, ?, ?)")) {
          for (String v : unique) {
            if (!existing.contains(v)) {
              ps.setLong(1, importerId);
              ps.setString(2, kind);
              ps.setString(3, v);
              ps.setObject(4, at.atOffset(ZoneOffset.UTC));
              ps.addBatch();
            }
          }
          ps.executeBatch();
        }
        c.commit();
        return unique.size();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("store pending follows", e);
    }
  }

  /**
   * Takes the pending follows that match a user (by lower-case handle, linked X handle or X account
   * id): returns the importers' ids and deletes those rows.
   */
  public List<Long> take(
      String handleKey, @Nullable String xHandleKey, @Nullable String xAccountId) {
    List<Long> importers = new ArrayList<>();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        String where =
            " FROM pending_follows WHERE (kind = 'handle' AND match_value IN (?, ?))"
                + " OR (kind = 'x_id' AND match_value = ?)";
        try (PreparedStatement ps = c.prepareStatement("SELECT importer_id" + where)) {
          bind(ps, handleKey, xHandleKey, xAccountId);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              importers.add(rs.getLong(1));
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE" + where)) {
          bind(ps, handleKey, xHandleKey, xAccountId);
          ps.executeUpdate();
        }
        c.commit();
        return importers;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("resolve pending follows", e);
    }
  }

  private static void bind(
      PreparedStatement ps, String handle, @Nullable String xHandle, @Nullable String xId)
      throws SQLException {
    ps.setString(1, handle);
    ps.setString(2, xHandle == null ? handle : xHandle);
    ps.setString(3, xId == null ? "" : xId);
  }
}
