package upcast.signaling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to run Upcast. {@link #fromEnv} reads the documented {@code UPCAST_*} variables (README
 * "Settings"); {@link #forTests} is an all-loopback, any-free-port configuration.
 *
 * @param httpPort HTTP port (0 = any free port)
 * @param mediaPort the SFU's UDP port (0 = any free port)
 * @param bind address both sockets bind to
 * @param publicAddresses addresses advertised in ICE candidates; empty = this host's addresses
 * @param dataDir directory of the embedded database
 * @param dbUrl PostgreSQL JDBC URL, or null for the embedded database
 */
public record UpcastConfig(
    int httpPort,
    int mediaPort,
    InetAddress bind,
    List<InetAddress> publicAddresses,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword) {

  public UpcastConfig {
    publicAddresses = List.copyOf(publicAddresses);
  }

  /** A configuration for tests: loopback only, free ports, the given data directory. */
  public static UpcastConfig forTests(Path dataDir) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    return new UpcastConfig(0, 0, loopback, List.of(loopback), dataDir, null, null, null);
  }

  /** The same configuration with another database URL (for PostgreSQL runs). */
  public UpcastConfig withDatabase(String url, String user, String password) {
    return new UpcastConfig(
        httpPort, mediaPort, bind, publicAddresses, dataDir, url, user, password);
  }

  /** Reads the environment; throws {@link IllegalArgumentException} naming a bad variable. */
  public static UpcastConfig fromEnv(Map<String, String> env) {
    int http = port(env, "UPCAST_HTTP_PORT", 8080);
    int media = port(env, "UPCAST_MEDIA_PORT", 10000);
    InetAddress bind = address("UPCAST_BIND", env.getOrDefault("UPCAST_BIND", "0.0.0.0"));
    List<InetAddress> advertised = new ArrayList<>();
    String publicIp = env.getOrDefault("UPCAST_PUBLIC_IP", "").trim();
    if (!publicIp.isEmpty()) {
      for (String part : publicIp.split(",")) {
        advertised.add(address("UPCAST_PUBLIC_IP", part.trim()));
      }
    }
    Path data = Path.of(env.getOrDefault("UPCAST_DATA_DIR", "data"));
    String db = env.get("UPCAST_DB_URL");
    if (db != null && !db.isBlank() && !db.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "UPCAST_DB_URL must be a jdbc:postgresql://host:port/database URL");
    }
    return new UpcastConfig(
        http,
        media,
        bind,
        advertised,
        data,
        db == null || db.isBlank() ? null : db,
        env.get("UPCAST_DB_USER"),
        env.get("UPCAST_DB_PASSWORD"));
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(v.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number 0–65535, not '" + v + "'");
    }
  }

  private static InetAddress address(String name, String value) {
    if (!value.matches("[0-9A-Fa-f.:]+")) {
      throw new IllegalArgumentException(name + " must be an IP address, not '" + value + "'");
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(name + " must be an IP address, not '" + value + "'");
    }
  }
}
