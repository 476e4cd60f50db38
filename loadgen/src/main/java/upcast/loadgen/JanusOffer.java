package upcast.loadgen;

import java.net.InetSocketAddress;
import java.util.Locale;
import upcast.testpeer.PeerIdentity;

/**
 * The parts of the JSEP offer Janus's streaming plugin sends a new viewer that the viewer's answer
 * needs (RFC 8829 §5.3): ICE credentials, DTLS fingerprint, and per m-line its mid and the payload
 * type of Opus or VP8.
 */
record JanusOffer(
    String iceUfrag,
    String icePassword,
    String fingerprint,
    String audioMid,
    int audioPt,
    String videoMid,
    int videoPt) {

  /** Reads an offer; fails if it lacks credentials, a fingerprint, Opus or VP8. */
  static JanusOffer parse(String sdp) {
    String ufrag = null;
    String pwd = null;
    String fp = null;
    String kind = null;
    String audioMid = null;
    String videoMid = null;
    int audioPt = -1;
    int videoPt = -1;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        kind = line.substring(2, line.indexOf(' '));
      } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
        ufrag = line.substring(12).trim();
      } else if (line.startsWith("a=ice-pwd:") && pwd == null) {
        pwd = line.substring(10).trim();
      } else if (line.startsWith("a=fingerprint:sha-256 ") && fp == null) {
        fp = line.substring(22).trim();
      } else if (line.startsWith("a=mid:")) {
        if ("audio".equals(kind)) {
          audioMid = line.substring(6).trim();
        } else if ("video".equals(kind)) {
          videoMid = line.substring(6).trim();
        }
      } else if (line.startsWith("a=rtpmap:")) {
        String[] p = line.substring(9).split(" ", 2);
        String codec = p[1].toLowerCase(Locale.ROOT);
        if ("audio".equals(kind) && codec.startsWith("opus/") && audioPt < 0) {
          audioPt = Integer.parseInt(p[0]);
        } else if ("video".equals(kind) && codec.startsWith("vp8/") && videoPt < 0) {
          videoPt = Integer.parseInt(p[0]);
        }
      }
    }
    if (ufrag == null || pwd == null || fp == null || audioMid == null || videoMid == null) {
      throw new IllegalArgumentException("not a Janus streaming offer:\n" + sdp);
    }
    if (audioPt < 0 || videoPt < 0) {
      throw new IllegalArgumentException("offer without Opus or VP8:\n" + sdp);
    }
    return new JanusOffer(ufrag, pwd, fp, audioMid, audioPt, videoMid, videoPt);
  }

  /**
   * A receive-only answer from an ICE-lite viewer (RFC 8445 §5.1.1.1: {@code a=ice-lite}, so Janus
   * is the controlling agent and sends the checks) that is the DTLS client ({@code a=setup:active},
   * RFC 5763 §5), with one host candidate and no header extensions.
   */
  String answer(PeerIdentity viewer, InetSocketAddress candidate) {
    String ip = candidate.getAddress().getHostAddress();
    return "v=0\r\no=- 1 1 IN IP4 "
        + ip
        + "\r\ns=-\r\nt=0 0\r\na=group:BUNDLE "
        + audioMid
        + " "
        + videoMid
        + "\r\na=ice-lite\r\n"
        + media("audio", audioMid, audioPt, "opus/48000/2", viewer, candidate)
        + media("video", videoMid, videoPt, "VP8/90000", viewer, candidate);
  }

  private static String media(
      String kind,
      String mid,
      int pt,
      String rtpmap,
      PeerIdentity viewer,
      InetSocketAddress candidate) {
    String ip = candidate.getAddress().getHostAddress();
    return "m="
        + kind
        + " "
        + candidate.getPort()
        + " UDP/TLS/RTP/SAVPF "
        + pt
        + "\r\nc=IN IP4 "
        + ip
        + "\r\na=mid:"
        + mid
        + "\r\na=recvonly\r\na=rtcp-mux\r\na=ice-ufrag:"
        + viewer.iceUfrag()
        + "\r\na=ice-pwd:"
        + viewer.icePassword()
        + "\r\na=fingerprint:sha-256 "
        + viewer.fingerprint()
        + "\r\na=setup:active\r\na=rtpmap:"
        + pt
        + " "
        + rtpmap
        + "\r\na=candidate:1 1 udp 2130706431 "
        + ip
        + " "
        + candidate.getPort()
        + " typ host\r\na=end-of-candidates\r\n";
  }
}
