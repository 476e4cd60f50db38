package upcast.signaling;

/**
 * Well-formed browser-like SDP offers. Signaling tests only need offers the SFU can answer; no
 * media flows (real media runs in the tests module).
 */
final class Offers {
  private static final String FINGERPRINT =
      "sha-256 "
          + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
          + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

  private Offers() {}

  static String publisher() {
    return session()
        + media("audio", "sendonly", 111, "opus/48000/2")
        + media("video", "sendonly", 96, "VP8/90000");
  }

  static String viewer() {
    return session()
        + media("audio", "recvonly", 109, "opus/48000/2")
        + media("video", "recvonly", 120, "VP8/90000");
  }

  private static String session() {
    return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n";
  }

  private static String media(String kind, String direction, int pt, String codec) {
    String mid = kind.equals("audio") ? "0" : "1";
    return "m="
        + kind
        + " 9 UDP/TLS/RTP/SAVPF "
        + pt
        + "\r\nc=IN IP4 0.0.0.0\r\n"
        + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
        + "a=fingerprint:"
        + FINGERPRINT
        + "\r\na=setup:actpass\r\na=mid:"
        + mid
        + "\r\na=rtcp-mux\r\na="
        + direction
        + "\r\na=rtpmap:"
        + pt
        + " "
        + codec
        + "\r\n"
        + (kind.equals("video") ? "a=rtcp-fb:" + pt + " nack pli\r\n" : "")
        + (direction.equals("sendonly")
            ? "a=ssrc:" + (kind.equals("audio") ? 1111 : 2222) + " cname:t\r\n"
            : "");
  }
}
