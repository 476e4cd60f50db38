package upcast.signaling.delivery.push;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import upcast.signaling.store.StoreException;

/**
 * The server's VAPID key pair, generated on first start and then read back forever: every browser
 * subscription is bound to this public key, so a new key would silently orphan them all.
 */
public final class VapidKeyStore {
  private final DataSource db;

  public VapidKeyStore(DataSource db) {
    this.db = db;
  }

  /** The stored key pair, creating it if there is none yet (first writer wins a race). */
  public P256.KeyPair loadOrCreate(SecureRandom random) {
    Optional<P256.KeyPair> existing = load();
    if (existing.isPresent()) {
      return existing.get();
    }
    P256.KeyPair fresh = P256.generate(random);
    String sql =
        "INSERT INTO vapid_keys (id, private_key, public_key, created_at) VALUES (1, ?, ?, ?)";
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, P256.b64(fresh.privateBytes()));
      ps.setString(2, P256.b64(fresh.publicBytes()));
      ps.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
      return fresh;
    } catch (SQLException e) {
      // Another process inserted first: use its key.
      return load().orElseThrow(() -> new StoreException("create VAPID key", e));
    }
  }

  private Optional<P256.KeyPair> load() {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT private_key FROM vapid_keys WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(P256.fromPrivate(P256.unb64(rs.getString(1))))
          : Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("load VAPID key", e);
    }
  }
}
