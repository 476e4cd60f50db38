package upcast.sfu.sdp;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the SDP answer of an ICE-lite, DTLS-passive SFU (RFC 8829 §5.3, RFC 8445 §2.5): every
 * accepted section is bundled on one transport with rtcp-mux; rejected sections get port 0 and
 * leave the BUNDLE group (RFC 8843 §7.3.3).
 */
public final class AnswerBuilder {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How we answer one offered section. */
  public sealed interface Section permits Accepted, DataChannels, Rejected {}

  /**
   * An accepted audio or video section.
   *
   * @param direction our direction ({@code recvonly} for a publisher, {@code sendonly} for a
   *     viewer)
   * @param extensions header extensions we accept, with the offer's ids
   * @param ssrcs SSRCs we send with (viewers), each announced with cname and msid
   */
  public record Accepted(
      MediaSection offered,
      Codec codec,
      String direction,
      List<MediaSection.Extension> extensions,
      List<Long> ssrcs,
      @Nullable String streamId,
      @Nullable String trackId)
      implements Section {}

  /**
   * An accepted {@code m=application} section: WebRTC data channels over SCTP over DTLS (RFC 8841
   * §5: {@code a=sctp-port}, {@code a=max-message-size}).
   */
  public record DataChannels(MediaSection offered, int sctpPort, int maxMessageSize)
      implements Section {}

  /** A section we do not take. */
  public record Rejected(MediaSection offered) implements Section {}

  private AnswerBuilder() {}

  public static String build(
      String iceUfrag,
      String icePassword,
      String fingerprintAlgorithm,
      String fingerprint,
      List<InetSocketAddress> candidates,
      List<Section> sections) {
    StringBuilder sb = new StringBuilder(2048);
    InetSocketAddress main = candidates.get(0);
    String ipVersion = main.getAddress().getAddress().length == 4 ? "IP4" : "IP6";
    String ip = main.getAddress().getHostAddress();
    line(sb, "v=0");
    line(sb, "o=upcast " + (RANDOM.nextLong() & Long.MAX_VALUE) + " 2 IN " + ipVersion + " " + ip);
    line(sb, "s=-");
    line(sb, "t=0 0");
    List<String> mids = new ArrayList<>();
    for (Section s : sections) {
      if (s instanceof Accepted a && a.offered().mid() != null) {
        mids.add(a.offered().mid());
      } else if (s instanceof DataChannels d && d.offered().mid() != null) {
        mids.add(d.offered().mid());
      }
    }
    if (!mids.isEmpty()) {
      line(sb, "a=group:BUNDLE " + String.join(" ", mids));
    }
    line(sb, "a=ice-lite");
    line(sb, "a=msid-semantic: WMS *");
    for (Section s : sections) {
      if (s instanceof Rejected r) {
        MediaSection m = r.offered();
        line(sb, "m=" + m.kind() + " 0 " + m.protocol() + " " + String.join(" ", m.formats()));
        line(sb, "c=IN " + ipVersion + " " + ip);
        if (m.mid() != null) {
          line(sb, "a=mid:" + m.mid());
        }
        line(sb, "a=inactive");
        continue;
      }
      if (s instanceof DataChannels d) {
        MediaSection m = d.offered();
        line(sb, "m=application " + main.getPort() + " " + m.protocol() + " webrtc-datachannel");
        line(sb, "c=IN " + ipVersion + " " + ip);
        transportLines(sb, iceUfrag, icePassword, fingerprintAlgorithm, fingerprint, m);
        line(sb, "a=sctp-port:" + d.sctpPort());
        line(sb, "a=max-message-size:" + d.maxMessageSize());
        candidateLines(sb, candidates);
        continue;
      }
      Accepted a = (Accepted) s;
      MediaSection m = a.offered();
      Codec c = a.codec();
      line(sb, "m=" + m.kind() + " " + main.getPort() + " " + m.protocol() + " " + c.payloadType());
      line(sb, "c=IN " + ipVersion + " " + ip);
      line(sb, "a=rtcp:" + main.getPort() + " IN " + ipVersion + " " + ip);
      transportLines(sb, iceUfrag, icePassword, fingerprintAlgorithm, fingerprint, m);
      for (MediaSection.Extension e : a.extensions()) {
        line(sb, "a=extmap:" + e.id() + " " + e.uri());
      }
      line(sb, "a=" + a.direction());
      if (a.streamId() != null) {
        line(sb, "a=msid:" + a.streamId() + " " + a.trackId());
      }
      line(sb, "a=rtcp-mux");
      if (m.rtcpRsize()) {
        line(sb, "a=rtcp-rsize");
      }
      line(sb, "a=rtpmap:" + c.payloadType() + " " + c.rtpmap());
      for (String fb : c.feedback()) {
        line(sb, "a=rtcp-fb:" + c.payloadType() + " " + fb);
      }
      if (c.fmtp() != null && !c.fmtp().isEmpty()) {
        line(sb, "a=fmtp:" + c.payloadType() + " " + c.fmtp());
      }
      for (long ssrc : a.ssrcs()) {
        line(sb, "a=ssrc:" + ssrc + " cname:" + a.streamId());
        line(sb, "a=ssrc:" + ssrc + " msid:" + a.streamId() + " " + a.trackId());
      }
      candidateLines(sb, candidates);
    }
    return sb.toString();
  }

  private static void transportLines(
      StringBuilder sb,
      String iceUfrag,
      String icePassword,
      String fingerprintAlgorithm,
      String fingerprint,
      MediaSection m) {
    line(sb, "a=ice-ufrag:" + iceUfrag);
    line(sb, "a=ice-pwd:" + icePassword);
    line(sb, "a=fingerprint:" + fingerprintAlgorithm + " " + fingerprint);
    line(sb, "a=setup:passive");
    if (m.mid() != null) {
      line(sb, "a=mid:" + m.mid());
    }
  }

  private static void candidateLines(StringBuilder sb, List<InetSocketAddress> candidates) {
    int priority = 2130706431;
    int foundation = 1;
    for (InetSocketAddress cand : candidates) {
      line(
          sb,
          "a=candidate:"
              + foundation++
              + " 1 udp "
              + priority--
              + " "
              + cand.getAddress().getHostAddress()
              + " "
              + cand.getPort()
              + " typ host");
    }
    line(sb, "a=end-of-candidates");
  }

  private static void line(StringBuilder sb, String s) {
    sb.append(s).append("\r\n");
  }
}
