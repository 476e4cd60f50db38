package upcast.sfu.sdp;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One payload type of a media section: {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb}.
 *
 * @param name encoding name in upper case (e.g. {@code OPUS}, {@code VP8}, {@code H264})
 */
public record Codec(
    int payloadType,
    String name,
    int clockRate,
    int channels,
    @Nullable String fmtp,
    List<String> feedback) {

  public Codec {
    name = name.toUpperCase(Locale.ROOT);
    feedback = List.copyOf(feedback);
  }

  /** The value of one {@code key=value} fmtp parameter, or null. */
  public @Nullable String fmtpParameter(String key) {
    if (fmtp == null) {
      return null;
    }
    for (String part : fmtp.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(key)) {
        return part.substring(eq + 1).trim();
      }
    }
    return null;
  }

  /** {@code OPUS/48000/2}-style rtpmap value. */
  String rtpmap() {
    String n = name.equals("OPUS") ? "opus" : name;
    return n + "/" + clockRate + (channels > 1 ? "/" + channels : "");
  }
}
