package upcast.signaling.social;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a CSV of handles: one per line, or a column of a wider export. A first line naming a column
 * {@code handle}, {@code username} or {@code screen_name} is a header and picks that column;
 * otherwise the first column is used. A leading {@code @}, surrounding quotes and spaces are
 * ignored; blank lines are skipped; a byte-order mark is allowed.
 */
final class HandleCsv {
  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");
  private static final java.util.List<String> HEADERS =
      java.util.List.of("handle", "username", "screen_name");

  private HandleCsv() {}

  static ImportFile parse(String text) throws ImportException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.indexOf('\0') >= 0) {
      throw new ImportException(1, "This is not a text file.");
    }
    String[] lines = body.split("\r\n|\n|\r", -1);
    ImportFile out = new ImportFile();
    int column = 0;
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first < lines.length) {
      String[] header = cells(lines[first]);
      for (int i = 0; i < header.length; i++) {
        if (HEADERS.contains(header[i].toLowerCase(Locale.ROOT))) {
          column = i;
          first++;
          break;
        }
      }
    }
    for (int i = first; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = cells(lines[i]);
      String v = column < cells.length ? cells[column] : "";
      if (v.startsWith("@")) {
        v = v.substring(1);
      }
      if (HANDLE.matcher(v).matches()) {
        out.values.add(v.toLowerCase(Locale.ROOT));
      } else {
        out.invalid(
            i + 1,
            v.isEmpty()
                ? "No handle in this line."
                : "\"" + abbreviate(v) + "\" is not a handle (1–15 letters, digits or _).");
      }
    }
    return out;
  }

  private static String[] cells(String line) {
    String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i].strip();
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1).strip();
      }
      cells[i] = c;
    }
    return cells;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
