package upcast.signaling.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

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

  /** A user and the stored password hash. */
  public record Credentials(User user, String passwordHash) {}

  static boolean isUniqueViolation(SQLException e) {
    // SQLSTATE 23505 is "unique violation" in both H2 and PostgreSQL.
    return "23505".equals(e.getSQLState());
  }
}
