package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} speaks the Prometheus text format 0.0.4. */
class MetricsTest extends ServerTest {

  @Test
  void exposesCountersAndGaugesInTextFormat() {
    HttpResponse<String> r = client.get("/metrics");
    assertEquals(200, r.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").get());
    String[] lines = r.body().split("\n");
    assertTrue(lines.length >= 2, r.body());
    String type = null;
    List<String> families = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertEquals(4, parts.length, line);
        assertFalse(families.contains(parts[2]), "one TYPE line per family: " + line);
        families.add(parts[2]);
        assertTrue(parts[2].matches("[a-zA-Z_][a-zA-Z0-9_]*"), line);
        assertTrue(parts[3].matches("counter|gauge|histogram"), line);
        if (parts[3].equals("counter")) {
          assertTrue(parts[2].endsWith("_total"), line);
        }
        type = parts[2];
      } else {
        assertTrue(
            line.matches(
                "[a-zA-Z_][a-zA-Z0-9_]*(\\{le=\"[0-9.+Inf]+\"\\}|\\{reason=\"[a-z0-9_]+\"\\})?"
                    + " [-0-9.E]+"),
            line);
        assertTrue(line.startsWith(type), "sample follows its TYPE line: " + line);
      }
    }
    assertTrue(r.body().contains("# TYPE upcast_forwarding_latency_seconds histogram"), r.body());
    List<String> counters =
        families.stream().filter(f -> f.startsWith("upcast_") && f.endsWith("_total")).toList();
    assertEquals(counters.stream().sorted().toList(), counters, "counter families sorted");
    assertTrue(r.body().contains("upcast_forwarding_latency_seconds_bucket{le=\"+Inf\"}"));
    assertTrue(r.body().contains("# TYPE process_cpu_seconds_total counter"));
    assertTrue(r.body().endsWith("\n"));
  }

  @Test
  void countersFollowOneSchemeWithAReasonLabel() {
    String body = client.get("/metrics").body();
    assertTrue(body.contains("# TYPE upcast_transport_packets_dropped_total counter\n"), body);
    for (String reason : List.of("junk", "unknown_address", "send_queue_full")) {
      assertTrue(
          body.contains("\nupcast_transport_packets_dropped_total{reason=\"" + reason + "\"} "),
          reason);
    }
    assertTrue(body.contains("\nupcast_srtp_packets_dropped_total{reason=\"auth_failed\"} "));
    assertTrue(body.contains("\nupcast_transport_packets_received_total "), body);
    assertTrue(body.contains("\nupcast_chat_frames_dropped_total{reason=\"queue_full\"} "), body);
    assertTrue(body.contains("\nupcast_chat_comments_posted_total "), body);
    for (String line : body.split("\n")) {
      if (line.startsWith("upcast_") && line.contains("_total")) {
        String family = line.substring(0, line.indexOf("_total"));
        assertTrue(
            family.matches(
                "upcast_(transport|ice|dtls|srtp|broadcast|fanout|keyframe|sctp|chat)_.+"),
            "a <stage>_<event>_total name: " + line);
        boolean losses = family.matches(".*_(dropped|failed|rejected)");
        assertEquals(losses, line.contains("{reason=\""), "reason label on losses only: " + line);
      }
    }
  }

  @Test
  void exposesTheHeapLeftAfterACollection() {
    System.gc(); // the server runs in this JVM; a full collection updates every heap pool
    String body = client.get("/metrics").body();
    Matcher m = Pattern.compile("(?m)^jvm_memory_heap_after_gc_bytes ([0-9]+)$").matcher(body);
    assertTrue(m.find(), body);
    long afterGc = Long.parseLong(m.group(1));
    assertTrue(afterGc > 0 && afterGc <= Runtime.getRuntime().totalMemory(), body);
  }

  @Test
  void onlyGet() {
    assertEquals(405, client.postJson("/metrics", "{}").statusCode());
  }
}
