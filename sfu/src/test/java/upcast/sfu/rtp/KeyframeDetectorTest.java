package upcast.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import upcast.sfu.rtp.KeyframeDetector.Format;

/** Keyframe starts in VP8 (RFC 7741 §4.2–4.3) and H.264 (RFC 6184 §5.6–5.8) payloads. */
class KeyframeDetectorTest {
  private static boolean vp8(String hex) {
    byte[] b = HexFormat.of().parseHex(hex);
    return KeyframeDetector.startsKeyframe(Format.VP8, b, 0, b.length);
  }

  private static boolean h264(String hex) {
    byte[] b = HexFormat.of().parseHex(hex);
    return KeyframeDetector.startsKeyframe(Format.H264, b, 0, b.length);
  }

  @Test
  void vp8() {
    assertTrue(vp8("10" + "00"), "S=1 PID=0, P=0");
    assertFalse(vp8("10" + "01"), "delta frame (P=1)");
    assertFalse(vp8("00" + "00"), "not the start of a partition");
    assertFalse(vp8("11" + "00"), "partition 1");
    assertTrue(vp8("90" + "80" + "05" + "00"), "X, I with a 7-bit PictureID");
    assertTrue(vp8("90" + "80" + "8123" + "00"), "X, I with a 15-bit PictureID");
    assertTrue(vp8("90" + "e0" + "8123" + "07" + "40" + "00"), "X, I, L, T");
    assertFalse(vp8("90" + "e0" + "8123" + "07" + "40" + "01"), "X, I, L, T delta");
    assertFalse(vp8("90"), "truncated");
    assertFalse(vp8(""), "empty");
  }

  @Test
  void h264() {
    assertTrue(h264("65" + "8888"), "single IDR slice");
    assertTrue(h264("67" + "42e01f"), "single SPS");
    assertFalse(h264("41" + "9a00"), "non-IDR slice");
    assertTrue(h264("78" + "0004" + "6742e01f" + "0002" + "68ce"), "STAP-A with SPS");
    assertFalse(h264("78" + "0002" + "4188"), "STAP-A with a P slice");
    assertFalse(h264("78" + "00ff" + "67"), "STAP-A with a bad size");
    assertTrue(h264("7c" + "85" + "8888"), "FU-A start of an IDR");
    assertFalse(h264("7c" + "05" + "8888"), "FU-A middle of an IDR");
    assertFalse(h264("7c" + "81" + "8888"), "FU-A start of a P slice");
  }
}
