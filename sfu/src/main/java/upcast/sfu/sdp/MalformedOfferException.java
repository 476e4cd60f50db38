package upcast.sfu.sdp;

/**
 * An SDP offer {@link OfferParser} cannot use, with the line and what is wrong. This package knows
 * nothing of the SFU's API; the SFU reports the problem to its callers as its own {@code
 * SdpException} with the same message.
 */
public final class MalformedOfferException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedOfferException(String message) {
    super(message);
  }
}
