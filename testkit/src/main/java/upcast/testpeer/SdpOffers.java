package upcast.testpeer;

/**
 * Offers as a browser would send them, built for a {@link TestPeer}: a publisher sending Opus and
 * VP8, and a receive-only viewer using other payload type numbers (so mapping is exercised).
 */
public final class SdpOffers {
  public static final int PUBLISHER_OPUS = 111;
  public static final int PUBLISHER_VP8 = 96;
  public static final int VIEWER_OPUS = 109;
  public static final int VIEWER_VP8 = 120;
  public static final int PUBLISHER_H264 = 102;
  public static final int VIEWER_H264 = 126;
  public static final int MID_ID = 4;
  private static final String MID_EXTMAP =
      "a=extmap:" + MID_ID + " urn:ietf:params:rtp-hdrext:sdes:mid\r\n";
  private static final String H264_FMTP =
      "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f";

  private SdpOffers() {}

  public static String publisher(PeerIdentity peer, long audioSsrc, long videoSsrc) {
    return session()
        + "a=group:BUNDLE 0 1\r\n"
        + audio(peer, "sendonly", PUBLISHER_OPUS)
        + "a=ssrc:"
        + audioSsrc
        + " cname:test\r\n"
        + video(peer, "sendonly", PUBLISHER_VP8)
        + "a=ssrc:"
        + videoSsrc
        + " cname:test\r\n";
  }

  /** A publisher sending Opus and H.264 (packetization mode 1, constrained baseline). */
  public static String publisherH264(PeerIdentity peer, long audioSsrc, long videoSsrc) {
    return session()
        + "a=group:BUNDLE 0 1\r\n"
        + audio(peer, "sendonly", PUBLISHER_OPUS)
        + "a=ssrc:"
        + audioSsrc
        + " cname:test\r\n"
        + "m=video 9 UDP/TLS/RTP/SAVPF "
        + PUBLISHER_H264
        + "\r\n"
        + transport(peer, "1")
        + "a=sendonly\r\na=rtpmap:"
        + PUBLISHER_H264
        + " H264/90000\r\na=rtcp-fb:"
        + PUBLISHER_H264
        + " nack pli\r\na=fmtp:"
        + PUBLISHER_H264
        + " "
        + H264_FMTP
        + "\r\na=ssrc:"
        + videoSsrc
        + " cname:test\r\n";
  }

  /**
   * A receive-only viewer that negotiates no header extensions, so payloads start right after the
   * 12-byte RTP header (what the load tool's viewers read).
   */
  public static String viewer(PeerIdentity peer) {
    return browserViewer(peer).replace(MID_EXTMAP, "");
  }

  /**
   * A receive-only viewer as Chromium offers it, with the MID header extension (RFC 8843 §15.2) at
   * id {@value #MID_ID}: the SFU then writes the viewer's own MID into packets until the viewer
   * reports on the SSRC.
   */
  public static String browserViewer(PeerIdentity peer) {
    return session()
        + "a=group:BUNDLE 0 1\r\n"
        + audio(peer, "recvonly", VIEWER_OPUS)
        + video(peer, "recvonly", VIEWER_VP8);
  }

  /** A viewer offer that also asks for WebRTC data channels (RFC 8841 {@code m=application}). */
  public static String viewerWithDataChannel(PeerIdentity peer) {
    return session()
        + "a=group:BUNDLE 0 1 2\r\n"
        + audio(peer, "recvonly", VIEWER_OPUS)
        + video(peer, "recvonly", VIEWER_VP8)
        + application(peer);
  }

  /** A publisher offer (as {@link #publisher}) that also asks for WebRTC data channels. */
  public static String publisherWithDataChannel(PeerIdentity peer, long audioSsrc, long videoSsrc) {
    return publisher(peer, audioSsrc, videoSsrc).replace("BUNDLE 0 1", "BUNDLE 0 1 2")
        + application(peer);
  }

  private static String application(PeerIdentity peer) {
    return "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
        + transport(peer, "2").replace("a=rtcp-mux\r\na=rtcp-rsize\r\n", "")
        + "a=sctp-port:5000\r\na=max-message-size:262144\r\n";
  }

  private static String session() {
    return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
  }

  private static String transport(PeerIdentity peer, String mid) {
    return "c=IN IP4 0.0.0.0\r\n"
        + "a=ice-ufrag:"
        + peer.iceUfrag()
        + "\r\na=ice-pwd:"
        + peer.icePassword()
        + "\r\na=fingerprint:sha-256 "
        + peer.fingerprint()
        + "\r\na=setup:actpass\r\na=mid:"
        + mid
        + "\r\na=rtcp-mux\r\na=rtcp-rsize\r\n";
  }

  private static String audio(PeerIdentity peer, String direction, int pt) {
    return "m=audio 9 UDP/TLS/RTP/SAVPF "
        + pt
        + " 0\r\n"
        + transport(peer, "0")
        + MID_EXTMAP
        + "a="
        + direction
        + "\r\na=rtpmap:"
        + pt
        + " opus/48000/2\r\na=fmtp:"
        + pt
        + " minptime=10;useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\n";
  }

  private static String video(PeerIdentity peer, String direction, int pt) {
    return "m=video 9 UDP/TLS/RTP/SAVPF "
        + pt
        + (direction.equals("recvonly") ? " " + VIEWER_H264 : "")
        + "\r\n"
        + transport(peer, "1")
        + MID_EXTMAP
        + "a="
        + direction
        + "\r\na=rtpmap:"
        + pt
        + " VP8/90000\r\na=rtcp-fb:"
        + pt
        + " goog-remb\r\na=rtcp-fb:"
        + pt
        + " transport-cc\r\na=rtcp-fb:"
        + pt
        + " ccm fir\r\na=rtcp-fb:"
        + pt
        + " nack\r\na=rtcp-fb:"
        + pt
        + " nack pli\r\n"
        + (direction.equals("recvonly")
            ? "a=rtpmap:"
                + VIEWER_H264
                + " H264/90000\r\na=rtcp-fb:"
                + VIEWER_H264
                + " nack pli\r\na=fmtp:"
                + VIEWER_H264
                + " "
                + H264_FMTP
                + "\r\n"
            : "");
  }
}
