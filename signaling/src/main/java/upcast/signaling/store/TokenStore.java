package upcast.signaling.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Bearer tokens, stored only as SHA-256 hashes so a leaked database leaks no usable token. */
public final class TokenStore {
  private final Database db;

  public TokenStore(Database db) {
    this.db = db;
  }

  public void add(String tokenHash, long userId) {
    String sql = "INSERT INTO tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tokenHash);
      ps.setLong(2, userId);
      ps.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("store token", e);
    }
  }

  public Optional<User> user(String tokenHash) {
    String sql =
        "SELECT u.id, u.handle FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tokenHash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new User(rs.getLong(1), rs.getString(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("read token", e);
    }
  }
}
