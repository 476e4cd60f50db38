package upcast.signaling.store;

/** A database failure the caller cannot fix; signaling answers it with 500. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
