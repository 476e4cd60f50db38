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
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Accounts. Handles are unique case-insensitively through a lower-case key column. */
public final class UserStore {
  private final Database db;

  public UserStore(Database db) {
    this.db = db;
  }

  /** Creates a user, or returns empty if the handle is taken (in any letter case). */
  public Optional<User> create(String handle, String passwordHash) {
    String sql =
        "INSERT INTO users (handle, handle_key, password_hash, created_at) VALUES (?, ?, ?, ?)";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, handle);
      ps.setString(2, handle.toLowerCase(Locale.ROOT));
      ps.setString(3, passwordHash);
      ps.setObject(4, Instant.now().atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return Optional.of(new User(keys.getLong(1), handle));
      }
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        return Optional.empty();
      }
      throw new StoreException("create user", e);
    }
  }

  /** The user and password hash for a handle (any letter case). */
  public Optional<Credentials> credentials(String handle) {
    String sql = "SELECT id, handle, password_hash FROM users WHERE handle_key = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, handle.toLowerCase(Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Credentials(new User(rs.getLong(1), rs.getString(2)), rs.getString(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("read user", e);
    }
  }

  /** The user with that handle (any letter case). */
  public Optional<User> byHandle(String handle) {
    return credentials(handle).map(Credentials::user);
  }

  /** The profile of the user with that handle (any letter case). */
  public Optional<UserProfile> profile(String handle) {
    String sql =
        "SELECT id, handle, created_at, x_handle, x_account_id FROM users WHERE handle_key = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, handle.toLowerCase(Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new UserProfile(
                    new User(rs.getLong(1), rs.getString(2)),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getString(4),
                    rs.getString(5)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("read profile", e);
    }
  }

  /**
   * Links an X/Twitter account to a user (replacing any earlier link); false if another user has
   * linked that account id.
   */
  public boolean linkX(long userId, @Nullable String xHandle, @Nullable String xAccountId) {
    String sql = "UPDATE users SET x_handle = ?, x_handle_key = ?, x_account_id = ? WHERE id = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, xHandle);
      ps.setString(2, xHandle == null ? null : xHandle.toLowerCase(Locale.ROOT));
      ps.setString(3, xAccountId);
      ps.setLong(4, userId);
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        return false;
      }
      throw new StoreException("link X account", e);
    }
  }

  /**
   * Users matched by lower-case handle: their Upcast handle or their linked X handle. Keys are the
   * lower-case handles given.
   */
  public Map<String, User> byHandles(Collection<String> lowerHandles) {
    Map<String, User> out = new HashMap<>();
    for (List<String> chunk : chunks(lowerHandles)) {
      String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
      String sql =
          "SELECT id, handle, handle_key, x_handle_key FROM users WHERE handle_key IN ("
              + in
              + ") OR x_handle_key IN ("
              + in
              + ")";
      try (Connection c = db.connection();
          PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
          ps.setString(chunk.size() + i + 1, chunk.get(i));
        }
        Set<String> wanted = new HashSet<>(chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            User u = new User(rs.getLong(1), rs.getString(2));
            if (wanted.contains(rs.getString(3))) {
              out.put(rs.getString(3), u); // an Upcast handle wins over an X handle
            }
            String x = rs.getString(4);
            if (x != null && wanted.contains(x)) {
              out.putIfAbsent(x, u);
            }
          }
        }
      } catch (SQLException e) {
        throw new StoreException("find users by handle", e);
      }
    }
    return out;
  }

  /** Users by linked X account id. */
  public Map<String, User> byXAccountIds(Collection<String> accountIds) {
    Map<String, User> out = new HashMap<>();
    for (List<String> chunk : chunks(accountIds)) {
      String sql =
          "SELECT id, handle, x_account_id FROM users WHERE x_account_id IN ("
              + String.join(",", Collections.nCopies(chunk.size(), "?"))
              + ")";
      try (Connection c = db.connection();
          PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(3), new User(rs.getLong(1), rs.getString(2)));
          }
        }
      } catch (SQLException e) {
        throw new StoreException("find users by X account", e);
      }
    }
    return out;
  }

  /** Splits a large lookup into IN lists of at most 500. */
  private static List<List<String>> chunks(Collection<String> all) {
    List<String> list = new ArrayList<>(new HashSet<>(all));
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i += 500) {
      out.add(list.subList(i, Math.min(list.size(), i + 500)));
    }
    return out;
  }

  /** A user and the stored password hash. */
  public record Credentials(User user, String passwordHash) {}

  static boolean isUniqueViolation(SQLException e) {
    // SQLSTATE 23505 is "unique violation" in both H2 and PostgreSQL.
    return "23505".equals(e.getSQLState());
  }
}
