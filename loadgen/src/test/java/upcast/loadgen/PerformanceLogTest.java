package upcast.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How {@code ./bench.sh} writes its numbers into docs/performance-log.md. */
class PerformanceLogTest {
  private static final String BEFORE = "# Performance\n\nProse.\n\n## Recorded runs\n\n";
  private static final String AFTER = "\n\n## Next section\n\nMore prose -- kept.\n";
  private static final String EMPTY =
      BEFORE + PerformanceLog.BEGIN + "\n" + PerformanceLog.END + AFTER;

  private static String record(String doc, String command, String table) {
    return PerformanceLog.record(
        doc, command, PerformanceLog.block(command, "2026-12-06, commit abc", table));
  }

  @Test
  void putsTheNewestRunFirstAndLeavesTheRestOfTheDocumentAlone() {
    String doc = record(EMPTY, "./bench.sh", "| a |\n|---|\n| 1 |");
    doc = record(doc, "./bench.sh sendpath", "| b |\n|---|\n| 2 |");
    assertTrue(doc.startsWith(BEFORE + PerformanceLog.BEGIN + "\n"), doc);
    assertTrue(doc.endsWith(PerformanceLog.END + AFTER), doc);
    assertTrue(doc.indexOf("`./bench.sh sendpath`") < doc.indexOf("`./bench.sh`"), doc);
    assertTrue(doc.contains("2026-12-06, commit abc\n\n| b |\n|---|\n| 2 |\n"), doc);
  }

  @Test
  void replacesTheBlockOfTheSameCommand() {
    String doc = record(EMPTY, "./bench.sh --target both", "| old |");
    doc = record(doc, "./bench.sh --target both --network veth", "| veth |");
    doc = record(doc, "./bench.sh --target both", "| new |");
    assertFalse(doc.contains("| old |"), doc);
    assertTrue(doc.contains("| new |") && doc.contains("| veth |"), doc);
    assertEquals(2, PerformanceLog.split(inside(doc)).size());
    // "--" cannot stand inside an HTML comment; the block's key line must stay a comment.
    assertFalse(inside(doc).contains("<!-- bench:run ./bench.sh --"), doc);
    assertEquals(
        doc,
        record(
            record(doc, "./bench.sh --target both", "| x |"),
            "./bench.sh --target both",
            "| new |"));
  }

  @Test
  void keepsOnlyTheNewestCommands() {
    String doc = EMPTY;
    for (int i = 0; i < PerformanceLog.KEEP + 3; i++) {
      doc = record(doc, "./bench.sh --viewers " + i, "| " + i + " |");
    }
    assertEquals(PerformanceLog.KEEP, PerformanceLog.split(inside(doc)).size());
    assertTrue(doc.contains("--viewers " + (PerformanceLog.KEEP + 2) + "`"), doc);
    assertFalse(doc.contains("`./bench.sh --viewers 2`"), doc);
  }

  @Test
  void cutsARunawayOutputShort() {
    String noisy = "| table |\n" + "at some.Frame(Unknown Source)\n".repeat(5000);
    String doc = record(EMPTY, "./bench.sh sendpath", noisy);
    assertTrue(
        doc.lines().count() < PerformanceLog.MAX_LINES + 30, "lines: " + doc.lines().count());
    assertTrue(doc.contains("| table |") && doc.contains("4801 more lines, left out"), doc);
  }

  @Test
  void refusesADocumentWithoutTheSection() {
    assertThrows(
        IllegalArgumentException.class, () -> record("# Performance\n", "./bench.sh", "| a |"));
  }

  @Test
  void theRepositorysLogHasTheSectionAndTheUserDocumentDoesNot() throws IOException {
    // bench.sh records into docs/performance-log.md (scripts/record-bench.sh); the short
    // docs/performance.md is kept by hand.
    Path docs = Path.of("..", "docs");
    String log = Files.readString(docs.resolve("performance-log.md"), StandardCharsets.UTF_8);
    assertTrue(log.indexOf(PerformanceLog.BEGIN) < log.indexOf(PerformanceLog.END), "markers");
    assertTrue(log.indexOf(PerformanceLog.BEGIN) >= 0, "markers");
    String doc = Files.readString(docs.resolve("performance.md"), StandardCharsets.UTF_8);
    assertFalse(doc.contains(PerformanceLog.BEGIN), "performance.md has no recorded runs");
    String script = Files.readString(Path.of("..", "scripts", "record-bench.sh"));
    assertTrue(script.contains("PerformanceLog docs/performance-log.md "), script);
  }

  private static String inside(String doc) {
    return doc.substring(
        doc.indexOf(PerformanceLog.BEGIN) + PerformanceLog.BEGIN.length(),
        doc.indexOf(PerformanceLog.END));
  }
}
