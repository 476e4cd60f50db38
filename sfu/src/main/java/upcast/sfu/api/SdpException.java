package upcast.sfu.api;

/** An SDP offer that is malformed or cannot be answered; signaling maps it to 400. */
public class SdpException extends Exception {
  private static final long serialVersionUID = 1L;

  public SdpException(String message) {
    super(message);
  }
}
