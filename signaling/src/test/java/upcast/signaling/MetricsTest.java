package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
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
    for (String line : lines) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertEquals(4, parts.length, line);
        assertTrue(parts[2].matches("[a-zA-Z_][a-zA-Z0-9_]*"), line);
        assertTrue(parts[3].matches("counter|gauge|histogram"), line);
        if (parts[3].equals("counter")) {
          assertTrue(parts[2].endsWith("_total"), line);
        }
        type = parts[2];
      } else {
        assertTrue(
            line.matches("[a-zA-Z_][a-zA-Z0-9_]*(\\{le=\"[0-9.+Inf]+\"\\})? [-0-9.E]+"), line);
        assertTrue(line.startsWith(type), "sample follows its TYPE line: " + line);
      }
    }
    assertTrue(r.body().contains("# TYPE upcast_forwarding_latency_seconds histogram"), r.body());
    assertTrue(r.body().contains("upcast_forwarding_latency_seconds_bucket{le=\"+Inf\"}"));
    assertTrue(r.body().contains("# TYPE process_cpu_seconds_total counter"));
    assertTrue(r.body().endsWith("\n"));
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
