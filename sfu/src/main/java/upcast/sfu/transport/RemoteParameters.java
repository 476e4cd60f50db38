package upcast.sfu.transport;

/**
 * What the peer's SDP offer says about its transport.
 *
 * @param iceUfrag the peer's {@code a=ice-ufrag}
 * @param icePassword the peer's {@code a=ice-pwd}
 * @param fingerprintAlgorithm hash name of the peer's {@code a=fingerprint}, lower case (e.g.
 *     {@code sha-256})
 * @param fingerprint the fingerprint value, upper-case hex pairs separated by colons
 */
public record RemoteParameters(
    String iceUfrag, String icePassword, String fingerprintAlgorithm, String fingerprint) {}
