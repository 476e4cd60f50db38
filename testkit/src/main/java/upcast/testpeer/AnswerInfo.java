package upcast.testpeer;

import java.net.InetSocketAddress;

/** The transport parameters of an SFU answer that a {@link TestPeer} needs. */
public record AnswerInfo(
    InetSocketAddress candidate, String iceUfrag, String icePassword, String fingerprint) {

  /** Reads the first host candidate, ICE credentials and sha-256 fingerprint of an answer. */
  public static AnswerInfo parse(String sdp) {
    InetSocketAddress candidate = null;
    String ufrag = null;
    String pwd = null;
    String fp = null;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("a=candidate:") && candidate == null) {
        String[] p = line.substring(12).split(" ");
        candidate = new InetSocketAddress(p[4], Integer.parseInt(p[5]));
      } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
        ufrag = line.substring(12).trim();
      } else if (line.startsWith("a=ice-pwd:") && pwd == null) {
        pwd = line.substring(10).trim();
      } else if (line.startsWith("a=fingerprint:sha-256 ") && fp == null) {
        fp = line.substring(22).trim();
      }
    }
    if (candidate == null || ufrag == null || pwd == null || fp == null) {
      throw new IllegalArgumentException("not an SFU answer:\n" + sdp);
    }
    return new AnswerInfo(candidate, ufrag, pwd, fp);
  }
}
