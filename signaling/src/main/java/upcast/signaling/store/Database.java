package upcast.signaling.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * The connection pool and schema. Embedded H2 in a file under the data directory by default;
 * PostgreSQL when a JDBC URL is given. Both run the same Flyway migrations ({@code db/migration}).
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Opens (and migrates) the database.
   *
   * @param jdbcUrl a PostgreSQL URL, or null for the embedded database in {@code dataDir}
   */
  public static Database open(
      Path dataDir, @Nullable String jdbcUrl, @Nullable String user, @Nullable String password) {
    HikariConfig config = new HikariConfig();
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      Path file = dataDir.toAbsolutePath().resolve("upcast");
      // WRITE_DELAY=0: a commit reaches the file before the response that acknowledges it, so a
      // killed process loses no acknowledged write. DB_CLOSE_ON_EXIT=FALSE: our shutdown hook
      // closes the pool after the last write, not H2's own hook before it.
      config.setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
      config.setUsername("upcast");
      config.setPassword("");
    } else {
      config.setJdbcUrl(jdbcUrl);
      config.setUsername(user);
      config.setPassword(password);
    }
    config.setMaximumPoolSize(8);
    config.setPoolName("upcast-db");
    HikariDataSource pool = new HikariDataSource(config);
    try {
      // Out of order: migrations are numbered when a feature is planned, not when it lands, and
      // each one touches only its own tables; a database migrated by an earlier build takes the
      // lower-numbered ones it has not seen yet.
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .outOfOrder(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool);
  }

  public DataSource dataSource() {
    return pool;
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void close() {
    pool.close();
  }
}
