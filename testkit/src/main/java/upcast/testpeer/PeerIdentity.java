package upcast.testpeer;

/** What an SDP offer says about the peer making it: ICE credentials and DTLS fingerprint. */
public interface PeerIdentity {
  String iceUfrag();

  String icePassword();

  /** sha-256 fingerprint of the peer's DTLS certificate, upper-case hex pairs with colons. */
  String fingerprint();
}
