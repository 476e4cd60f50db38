package upcast.sfu.sdp;

import java.util.List;

/**
 * What we need from a WebRTC SDP offer: ICE and DTLS parameters (shared by every section under
 * BUNDLE) and the media sections.
 */
public record Offer(
    String iceUfrag,
    String icePassword,
    String fingerprintAlgorithm,
    String fingerprint,
    String setup,
    List<String> bundleMids,
    List<MediaSection> media) {

  public Offer {
    bundleMids = List.copyOf(bundleMids);
    media = List.copyOf(media);
  }
}
