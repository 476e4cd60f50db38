package upcast.sfu.api;

/**
 * The broadcast is not in a state that allows the request: already has a publisher (signaling maps
 * it to 409) or has none to view (404).
 */
public class BroadcastStateException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    ALREADY_PUBLISHING,
    NOT_LIVE
  }

  private final Reason reason;

  public BroadcastStateException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
