package upcast.signaling.social;

import java.util.ArrayList;
import java.util.List;

/**
 * What an importer read from a file: the usable values (X account ids or lower-case handles) and
 * the lines it could not use. Only the first {@link #MAX_PROBLEMS} problems are kept; {@code
 * invalid} counts all of them.
 */
final class ImportFile {
  static final int MAX_PROBLEMS = 50;

  final List<String> values = new ArrayList<>();
  final List<ImportProblem> problems = new ArrayList<>();
  int invalid;

  void invalid(int line, String message) {
    invalid++;
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new ImportProblem(line, message));
    }
  }
}
