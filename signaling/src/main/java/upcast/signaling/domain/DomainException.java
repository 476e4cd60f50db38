package upcast.signaling.domain;

/**
 * A request the domain refuses, with the machine code clients see (docs/api.md "Errors"). The
 * domain says only what went wrong; the {@code http} and {@code ws} layers decide how each kind
 * looks on their wire (an HTTP status, a WebSocket {@code error}), so the rules know no transport.
 */
public abstract sealed class DomainException extends Exception
    permits DomainException.NotFound,
        DomainException.Conflict,
        DomainException.InvalidInput,
        DomainException.NotAuthenticated,
        DomainException.Busy {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String message;

  private DomainException(String code, String message) {
    super(message);
    this.code = code;
    this.message = message;
  }

  /** The human-readable reason, never null: it becomes the error body's {@code message}. */
  @Override
  public String getMessage() {
    return message;
  }

  /** The stable machine code, such as {@code not_found} or {@code already_live}. */
  public String code() {
    return code;
  }

  /** What the request names does not exist (a user, a broadcast, a webhook…). */
  public static final class NotFound extends DomainException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      this("not_found", message);
    }

    public NotFound(String code, String message) {
      super(code, message);
    }
  }

  /** The request clashes with the current state: already live, a taken handle, a full quota. */
  public static final class Conflict extends DomainException {
    private static final long serialVersionUID = 1L;

    public Conflict(String code, String message) {
      super(code, message);
    }
  }

  /** What the caller sent can never succeed as it is: a bad title, SDP, cursor, file… */
  public static final class InvalidInput extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String code, String message) {
      super(code, message);
    }
  }

  /** The caller could not be identified (wrong handle or password). */
  public static final class NotAuthenticated extends DomainException {
    private static final long serialVersionUID = 1L;

    public NotAuthenticated(String message) {
      super("unauthorized", message);
    }
  }

  /** The work could not be done in time; trying again later may succeed. */
  public static final class Busy extends DomainException {
    private static final long serialVersionUID = 1L;

    public Busy(String message) {
      super("busy", message);
    }
  }
}
