package upcast.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a benchmark's result tables into {@code docs/performance-log.md}, so the log always holds
 * the latest numbers of each command, next to the command that produced them. {@code ./bench.sh}
 * calls it after every run (unless {@code --no-record}).
 *
 * <p>The runs live between two markers in the document, newest first, one block per command line:
 * running a command again replaces its block, and only the {@link #KEEP} newest commands stay, so
 * the section does not grow without end. Everything outside the markers (the prose, the hand-kept
 * rounds) is left byte for byte as it was.
 */
public final class PerformanceLog {
  /** How many commands keep a block. */
  static final int KEEP = 12;

  /** At most this many lines of a run's output go into the document (its tables are far fewer). */
  static final int MAX_LINES = 200;

  static final String BEGIN = "<!-- bench:runs:begin -->";
  static final String END = "<!-- bench:runs:end -->";
  private static final String RUN = "<!-- bench:run ";

  private PerformanceLog() {}

  /**
   * One run's block: a heading line with the command, then the tables and notes as written.
   *
   * @param command the command line as typed, e.g. {@code ./bench.sh --target both}
   * @param heading when, which commit, which machine
   * @param body the tables the benchmark printed (markdown)
   */
  static String block(String command, String heading, String body) {
    String[] lines = body.strip().split("\n", -1);
    if (lines.length > MAX_LINES) {
      body =
          String.join("\n", java.util.Arrays.copyOf(lines, MAX_LINES))
              + "\n\n(… "
              + (lines.length - MAX_LINES)
              + " more lines, left out here; see the benchmark's own output.)";
    }
    return keyLine(command)
        + "\n"
        + "#### `"
        + command
        + "`\n\n"
        + heading.strip()
        + "\n\n"
        + body.strip()
        + "\n";
  }

  /**
   * The document with {@code block} first among the recorded runs, the block of the same command
   * (if any) removed, and at most {@link #KEEP} blocks left.
   *
   * @throws IllegalArgumentException if the document lacks the markers
   */
  static String record(String doc, String command, String block) {
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "the document has no " + BEGIN + " … " + END + " section for recorded runs");
    }
    String inside = doc.substring(begin + BEGIN.length(), end);
    List<String> blocks = new ArrayList<>();
    blocks.add(block);
    String key = keyLine(command);
    for (String b : split(inside)) {
      if (!b.startsWith(key + "\n") && blocks.size() < KEEP) {
        blocks.add(b);
      }
    }
    return doc.substring(0, begin + BEGIN.length())
        + "\n"
        + String.join("\n", blocks)
        + "\n"
        + doc.substring(end);
  }

  /** The comment line that starts a command's block ("--" may not stand inside an HTML comment). */
  private static String keyLine(String command) {
    return RUN + command.replace("--", "- -") + " -->";
  }

  /** The blocks between the markers, each starting at its {@code <!-- bench:run} line. */
  static List<String> split(String inside) {
    List<String> blocks = new ArrayList<>();
    int at = inside.indexOf(RUN);
    while (at >= 0) {
      int next = inside.indexOf("\n" + RUN, at);
      String b = next < 0 ? inside.substring(at) : inside.substring(at, next + 1);
      blocks.add(b.strip() + "\n");
      at = next < 0 ? -1 : next + 1;
    }
    return blocks;
  }

  /**
   * {@code PerformanceLog DOC COMMAND HEADING BODY_FILE...}: records the concatenated body files
   * (blank line between) as COMMAND's run in DOC.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: PerformanceLog DOC COMMAND HEADING BODY_FILE...");
      System.exit(2);
    }
    Path doc = Path.of(args[0]);
    StringBuilder body = new StringBuilder();
    for (int i = 3; i < args.length; i++) {
      body.append(Files.readString(Path.of(args[i]), StandardCharsets.UTF_8).strip())
          .append("\n\n");
    }
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    Files.writeString(
        doc,
        record(text, args[1], block(args[1], args[2], body.toString())),
        StandardCharsets.UTF_8);
    System.out.println("bench.sh: recorded the result in " + doc);
  }
}
