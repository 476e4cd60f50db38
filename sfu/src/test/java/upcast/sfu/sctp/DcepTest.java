package upcast.sfu.sctp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** DATA_CHANNEL_OPEN layout of RFC 8832 §5.1. */
class DcepTest {
  @Test
  void openLayout() {
    byte[] m = Dcep.open(ChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED, 256, 3, "chat", "j");
    byte[] expected = {
      0x03,
      (byte) 0x81,
      0x01,
      0x00, // OPEN, type 0x81, priority 256
      0,
      0,
      0,
      3, // reliability parameter
      0,
      4,
      0,
      1, // label length, protocol length
      'c',
      'h',
      'a',
      't',
      'j'
    };
    assertArrayEquals(expected, m);
    Dcep.Open o = Dcep.parseOpen(m);
    assertNotNull(o);
    assertEquals(ChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED, o.type());
    assertEquals(256, o.priority());
    assertEquals(3, o.reliability());
    assertEquals("chat", o.label());
    assertEquals("j", o.protocol());
  }

  @Test
  void malformedOpenRejected() {
    byte[] m = Dcep.open(ChannelType.RELIABLE, 0, 0, "x", "");
    byte[] shortened = java.util.Arrays.copyOf(m, m.length - 1);
    assertNull(Dcep.parseOpen(shortened));
    byte[] badType = m.clone();
    badType[1] = 0x05;
    assertNull(Dcep.parseOpen(badType));
    byte[] badUtf8 = m.clone();
    badUtf8[12] = (byte) 0xC3;
    assertNull(Dcep.parseOpen(badUtf8));
    assertNull(Dcep.parseOpen(new byte[] {2}));
  }
}
