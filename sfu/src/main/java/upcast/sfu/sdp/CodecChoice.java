package upcast.sfu.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which of the offered payload types we take. Audio is Opus; video is VP8 or H.264
 * (packetization-mode 1, constrained baseline preferred). Feedback is limited to what the SFU
 * really produces or handles — PLI and FIR — because Chromium cuts its send rate when it is
 * promised {@code transport-cc} or {@code goog-remb} feedback that never comes.
 */
public final class CodecChoice {
  private static final Set<String> VIDEO_FEEDBACK = Set.of("nack pli", "ccm fir");

  private CodecChoice() {}

  /** The Opus payload type of an audio section, or null. */
  public static @Nullable Codec audio(MediaSection m) {
    for (Codec c : m.codecs()) {
      if (c.name().equals("OPUS") && c.clockRate() == 48000) {
        return withFeedback(c, Set.of());
      }
    }
    return null;
  }

  /** The video codec a publisher should send: VP8 first, else H.264; null if neither. */
  public static @Nullable Codec publisherVideo(MediaSection m) {
    for (Codec c : m.codecs()) {
      if (c.name().equals("VP8")) {
        return withFeedback(c, VIDEO_FEEDBACK);
      }
    }
    Codec best = null;
    for (Codec c : m.codecs()) {
      if (isH264Mode1(c)) {
        if (best == null || "42e01f".equalsIgnoreCase(c.fmtpParameter("profile-level-id"))) {
          best = c;
        }
      }
    }
    return best == null ? null : withFeedback(best, VIDEO_FEEDBACK);
  }

  /**
   * The viewer's payload type for the publisher's video codec: same name, and for H.264 the same
   * packetization mode, preferring the same profile; null if the viewer cannot decode it.
   */
  public static @Nullable Codec viewerVideo(MediaSection m, Codec published) {
    Codec best = null;
    for (Codec c : m.codecs()) {
      if (!c.name().equals(published.name())) {
        continue;
      }
      if (!published.name().equals("H264")) {
        return withFeedback(c, VIDEO_FEEDBACK);
      }
      if (isH264Mode1(c)) {
        String want = profile(published);
        if (best == null || (want != null && want.equalsIgnoreCase(profile(c)))) {
          best = c;
        }
      }
    }
    return best == null ? null : withFeedback(best, VIDEO_FEEDBACK);
  }

  private static boolean isH264Mode1(Codec c) {
    return c.name().equals("H264") && "1".equals(c.fmtpParameter("packetization-mode"));
  }

  /** profile_idc and constraint flags: the first four hex digits of profile-level-id. */
  private static @Nullable String profile(Codec c) {
    String p = c.fmtpParameter("profile-level-id");
    return p != null && p.length() >= 4 ? p.substring(0, 4) : null;
  }

  private static Codec withFeedback(Codec c, Set<String> allowed) {
    List<String> kept = new ArrayList<>();
    for (String fb : c.feedback()) {
      if (allowed.contains(fb.trim())) {
        kept.add(fb.trim());
      }
    }
    return new Codec(c.payloadType(), c.name(), c.clockRate(), c.channels(), c.fmtp(), kept);
  }
}
