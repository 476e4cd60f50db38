package upcast.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import upcast.sfu.client.SrtpProfile;
import upcast.signaling.UpcastConfig;
import upcast.signaling.UpcastServer;
import upcast.signaling.store.Database;
import upcast.testpeer.SdpOffers;
import upcast.testpeer.TestPeer;

/**
 * Go-live fan-out benchmark: a broadcaster with N followers (created with batch SQL) goes live
 * through the real WHIP path; measures how long the start request takes (against a broadcaster
 * without followers) and how long until every follower's inbox holds the notification.
 *
 * <pre>java upcast.loadgen.FanoutBench [--followers N] [--db jdbc:postgresql://…] [--user U]</pre>
 *
 * Without {@code --db} the embedded database is used, in a fresh temporary directory.
 */
public final class FanoutBench {
  private FanoutBench() {}

  public static void main(String[] args) throws Exception {
    int followers = 100_000;
    String db = null;
    String user = "upcast";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--followers" -> followers = Integer.parseInt(args[++i]);
        case "--db" -> db = args[++i];
        case "--user" -> user = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path data = Files.createTempDirectory("upcast-fanout");
    UpcastConfig config = UpcastConfig.forTests(data);
    if (db != null) {
      config = config.withDatabase(db, user, "");
    }
    String label = db == null ? "embedded H2" : "PostgreSQL";
    String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    try (UpcastServer server = UpcastServer.start(config);
        Database direct = Database.open(data, db, user, "")) {
      HttpClient http = HttpClient.newHttpClient();
      String star = "star" + run;
      String lonely = "solo" + run;
      String starToken = signUp(http, server.baseUri(), star);
      String lonelyToken = signUp(http, server.baseUri(), lonely);
      long t0 = System.nanoTime();
      createFollowers(direct, star, "f" + run + "_", followers);
      double setupS = (System.nanoTime() - t0) / 1e9;

      // Warm-up and baseline: starts with no followers (the second one is warm).
      Live warmUp = goLive(http, server.baseUri(), lonelyToken, "warm-up");
      end(http, server.baseUri(), lonelyToken, warmUp);
      Live baseline = goLive(http, server.baseUri(), lonelyToken, "baseline");
      double baseMs = Math.min(warmUp.requestMs(), baseline.requestMs());

      Live star1 = goLive(http, server.baseUri(), starToken, "fan-out");
      long startedNanos = star1.sentNanos();
      String broadcastId = liveId(direct, star);
      long count = 0;
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (count < followers && System.nanoTime() < deadline) {
        count = count(direct, broadcastId);
        if (count < followers) {
          Thread.sleep(5);
        }
      }
      double allMs = (System.nanoTime() - startedNanos) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "%n| database | followers | start request, no followers | start request, %d followers"
              + " | all inboxes hold it |%n|---|---:|---:|---:|---:|%n| %s | %d | %.1f ms | %.1f ms"
              + " | %.0f ms |%n%n(setup: %d followers created in %.1f s; inbox items found: %d)%n",
          followers,
          label,
          followers,
          baseMs,
          star1.requestMs(),
          allMs,
          followers,
          setupS,
          count);
      if (count < followers) {
        throw new IllegalStateException("only " + count + " of " + followers + " inboxes");
      }
    }
  }

  private static String signUp(HttpClient http, URI base, String handle) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/users"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"handle\":\"" + handle + "\",\"password\":\"password-123\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException(r.body());
    }
    String body = r.body();
    int i = body.indexOf("\"token\":\"") + 9;
    return body.substring(i, body.indexOf('"', i));
  }

  /** A started broadcast: how long its start request took, and when it was sent. */
  private record Live(double requestMs, long sentNanos, TestPeer peer, String location) {}

  private static Live goLive(HttpClient http, URI base, String token, String title)
      throws Exception {
    TestPeer peer = TestPeer.create(SrtpProfile.AEAD_AES_128_GCM);
    long start = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/whip?title=" + title))
                .header("Content-Type", "application/sdp")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(SdpOffers.publisher(peer, 1, 2)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - start) / 1e6;
    if (r.statusCode() != 201) {
      peer.close();
      throw new IllegalStateException(r.body());
    }
    return new Live(ms, start, peer, r.headers().firstValue("Location").orElseThrow());
  }

  private static void end(HttpClient http, URI base, String token, Live live) throws Exception {
    http.send(
        HttpRequest.newBuilder(base.resolve(live.location()))
            .header("Authorization", "Bearer " + token)
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
    live.peer().close();
  }

  private static void createFollowers(Database db, String star, String prefix, int n)
      throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO users (handle, handle_key, password_hash, created_at)"
                  + " VALUES (?, ?, 'x', ?)")) {
        for (int i = 0; i < n; i++) {
          String h = prefix + i;
          ps.setString(1, h);
          ps.setString(2, h);
          ps.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
          ps.addBatch();
          if (i % 5000 == 4999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO follows (follower_id, followee_id, created_at)"
                  + " SELECT f.id, s.id, ? FROM users f, users s"
                  + " WHERE f.handle_key LIKE ? AND s.handle_key = ?")) {
        ps.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
        ps.setString(2, prefix + "%");
        ps.setString(3, star);
        ps.executeUpdate();
      }
      c.commit();
    }
  }

  private static String liveId(Database db, String handle) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT b.id FROM broadcasts b JOIN users u ON u.id = b.user_id"
                    + " WHERE u.handle_key = ? AND b.ended_at IS NULL")) {
      ps.setString(1, handle);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static long count(Database db, String broadcastId) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM notifications WHERE broadcast_id = ?")) {
      ps.setString(1, broadcastId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
