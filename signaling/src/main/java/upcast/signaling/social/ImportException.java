package upcast.signaling.social;

/** A file no line of which can be used (not the expected format at all): invalid input. */
public final class ImportException extends Exception {
  private final int line;

  ImportException(int line, String message) {
    super(message, null, false, false);
    this.line = line;
  }

  /** The 1-based line where the file stopped making sense. */
  public int line() {
    return line;
  }
}
