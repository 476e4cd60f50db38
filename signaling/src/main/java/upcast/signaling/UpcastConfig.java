package upcast.signaling;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
 * @param publicUrl {@code scheme://host[:port]} people reach this server at, used in shared links,
 *     link previews and oEmbed; null = taken from each request's scheme and Host header
 */
public record UpcastConfig(
    int httpPort,
    int mediaPort,
    InetAddress bind,
    List<InetAddress> publicAddresses,
    Path dataDir,
    @Nullable String dbUrl,
    @Nullable String dbUser,
    @Nullable String dbPassword,
    @Nullable URI publicUrl) {

  public UpcastConfig {
    if (httpPort < 0 || httpPort > 65535 || mediaPort < 0 || mediaPort > 65535) {
      throw new IllegalArgumentException("ports are 0–65535");
    }
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(dataDir, "dataDir");
    publicAddresses = List.copyOf(publicAddresses);
    if (publicUrl != null) {
      publicUrl = parsePublicUrl(publicUrl.toString());
    }
  }

  /** A configuration for tests: loopback only, free ports, the given data directory. */
  public static UpcastConfig forTests(Path dataDir) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    return new UpcastConfig(0, 0, loopback, List.of(loopback), dataDir, null, null, null, null);
  }

  /** The same configuration with another database URL (for PostgreSQL runs). */
  public UpcastConfig withDatabase(String url, @Nullable String user, @Nullable String password) {
    return new UpcastConfig(
        httpPort, mediaPort, bind, publicAddresses, dataDir, url, user, password, publicUrl);
  }

  /** The same configuration on another HTTP port (0 = any free port). */
  public UpcastConfig withHttpPort(int port) {
    return new UpcastConfig(
        port, mediaPort, bind, publicAddresses, dataDir, dbUrl, dbUser, dbPassword, publicUrl);
  }

  /** The same configuration on another media (UDP) port (0 = any free port). */
  public UpcastConfig withMediaPort(int port) {
    return new UpcastConfig(
        httpPort, port, bind, publicAddresses, dataDir, dbUrl, dbUser, dbPassword, publicUrl);
  }

  /** The same configuration bound to another address. */
  public UpcastConfig withBind(InetAddress address) {
    return new UpcastConfig(
        httpPort,
        mediaPort,
        address,
        publicAddresses,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        publicUrl);
  }

  /** The same configuration advertising other addresses in ICE candidates. */
  public UpcastConfig withPublicAddresses(List<InetAddress> addresses) {
    return new UpcastConfig(
        httpPort, mediaPort, bind, addresses, dataDir, dbUrl, dbUser, dbPassword, publicUrl);
  }

  /** The same configuration with another data directory. */
  public UpcastConfig withDataDir(Path dir) {
    return new UpcastConfig(
        httpPort, mediaPort, bind, publicAddresses, dir, dbUrl, dbUser, dbPassword, publicUrl);
  }

  /** The same configuration with another public base URL (null = from each request). */
  public UpcastConfig withPublicUrl(URI url) {
    return new UpcastConfig(
        httpPort, mediaPort, bind, publicAddresses, dataDir, dbUrl, dbUser, dbPassword, url);
  }

  /** Reads the process environment (see {@link #fromEnv(Map)}). */
  public static UpcastConfig fromEnv() {
    return fromEnv(System.getenv());
  }

  /** Reads the environment; throws {@link IllegalArgumentException} naming a bad variable. */
  public static UpcastConfig fromEnv(Map<String, String> env) {
    int http = port(env, "UPCAST_HTTP_PORT", 8080);
    int media = port(env, "UPCAST_MEDIA_PORT", 10000);
    String bindValue = env.getOrDefault("UPCAST_BIND", "").trim();
    InetAddress bind = address("UPCAST_BIND", bindValue.isEmpty() ? "0.0.0.0" : bindValue);
    List<InetAddress> advertised = new ArrayList<>();
    String publicIp = env.getOrDefault("UPCAST_PUBLIC_IP", "").trim();
    if (!publicIp.isEmpty()) {
      for (String part : publicIp.split(",")) {
        advertised.add(address("UPCAST_PUBLIC_IP", part.trim()));
      }
    }
    Path data = dataDir(env.getOrDefault("UPCAST_DATA_DIR", "./data"));
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
        env.get("UPCAST_DB_PASSWORD"),
        publicUrlOf(env.get("UPCAST_PUBLIC_URL")));
  }

  private static @Nullable URI publicUrlOf(@Nullable String value) {
    return value == null || value.isBlank() ? null : parsePublicUrl(value.trim());
  }

  /**
   * An absolute http(s) URL with a host and nothing after it but an optional "/": links are built
   * by appending paths to it.
   */
  private static URI parsePublicUrl(String value) {
    String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    try {
      URI u = new URI(v);
      boolean web = "http".equals(u.getScheme()) || "https".equals(u.getScheme());
      if (web
          && u.getHost() != null
          && u.getRawPath().isEmpty()
          && u.getRawQuery() == null
          && u.getRawFragment() == null
          && u.getRawUserInfo() == null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(
        "UPCAST_PUBLIC_URL must be like https://upcast.example.com, not '" + value + "'");
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

  private static Path dataDir(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("UPCAST_DATA_DIR must be a directory path, not empty");
    }
    try {
      return Path.of(value.trim());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "UPCAST_DATA_DIR must be a directory path, not '" + value + "'");
    }
  }

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  /** An IP literal only: a host name here would silently depend on DNS at startup. */
  private static InetAddress address(String name, String value) {
    boolean literal =
        IPV4.matcher(value).matches() || (value.contains(":") && value.matches("[0-9A-Fa-f.:]+"));
    if (literal) {
      try {
        return InetAddress.getByName(value);
      } catch (UnknownHostException e) {
        // falls through to the message below
      }
    }
    throw new IllegalArgumentException(name + " must be an IP address, not '" + value + "'");
  }
}
