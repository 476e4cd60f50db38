package upcast.sfu.sdp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@code m=} section of an offer.
 *
 * @param kind {@code audio}, {@code video}, {@code application} or anything else offered
 * @param direction {@code sendrecv}, {@code sendonly}, {@code recvonly} or {@code inactive}
 * @param codecs payload types in the order of the {@code m=} line (preference order)
 * @param extensions {@code a=extmap} entries
 * @param ssrcs media SSRCs from {@code a=ssrc} lines, without RTX/FEC SSRCs of {@code a=ssrc-group}
 */
public record MediaSection(
    String kind,
    int port,
    String protocol,
    List<String> formats,
    @Nullable String mid,
    String direction,
    List<Codec> codecs,
    List<Extension> extensions,
    List<Long> ssrcs,
    boolean rtcpMux,
    boolean rtcpRsize) {

  /** One {@code a=extmap:<id> <uri>}. */
  public record Extension(int id, String uri) {}

  public MediaSection {
    formats = List.copyOf(formats);
    codecs = List.copyOf(codecs);
    extensions = List.copyOf(extensions);
    ssrcs = List.copyOf(ssrcs);
  }

  public boolean sends() {
    return direction.equals("sendrecv") || direction.equals("sendonly");
  }

  public boolean receives() {
    return direction.equals("sendrecv") || direction.equals("recvonly");
  }

  /** The id this section uses for an extension URI, or 0. */
  public int extensionId(String uri) {
    for (Extension e : extensions) {
      if (e.uri().equals(uri)) {
        return e.id();
      }
    }
    return 0;
  }
}
