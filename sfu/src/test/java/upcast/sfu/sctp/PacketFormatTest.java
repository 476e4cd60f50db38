package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire layouts of RFC 9260 §3 checked against hand-built byte arrays. */
class PacketFormatTest {
  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  private static byte[] withChecksum(byte[] p) {
    Crc32c.write(p, 0, p.length);
    return p;
  }

  @Test
  void commonHeaderAndInitParse() {
    // §3.1 header + §3.3.2 INIT with a Supported Extensions parameter (RE-CONFIG) and an unknown
    // parameter 0xC000 (Forward-TSN-Supported; high bits 11 = skip and report).
    byte[] p =
        withChecksum(
            bytes(
                0x13, 0x88, 0x13, 0x89, 0, 0, 0, 0, 0, 0, 0, 0, // ports 5000 -> 5001, tag 0
                0x01, 0x00, 0x00, 0x20, // INIT, length 32
                0xCA, 0xFE, 0xBA, 0xBE, // initiate tag
                0x00, 0x10, 0x00, 0x00, // a_rwnd 1 MiB
                0x04, 0x00, 0x02, 0x00, // OS 1024, MIS 512
                0x00, 0x00, 0x00, 0x07, // initial TSN 7
                0x80, 0x08, 0x00, 0x05, 0x82, 0, 0, 0, // supported extensions: RE-CONFIG + pad
                0xC0, 0x00, 0x00, 0x04)); // Forward-TSN-Supported
    SctpPacket pkt = SctpPacket.parse(p, 0, p.length);
    assertNotNull(pkt);
    assertEquals(5000, pkt.sourcePort());
    assertEquals(5001, pkt.destinationPort());
    assertEquals(0, pkt.verificationTag());
    assertEquals(1, pkt.chunks().size());
    InitChunk init = InitChunk.parse(pkt.chunks().get(0));
    assertNotNull(init);
    assertEquals(0xCAFEBABE, init.initiateTag());
    assertEquals(1 << 20, init.advertisedWindow());
    assertEquals(1024, init.outboundStreams());
    assertEquals(512, init.inboundStreams());
    assertEquals(7, init.initialTsn());
    assertTrue(init.peerSupportsReconfig());
    assertEquals(1, init.unrecognized().size());
    assertArrayEquals(bytes(0xC0, 0, 0, 4), init.unrecognized().get(0));
  }

  @Test
  void initWithZeroTagOrStreamsIsRejected() {
    byte[] v = bytes(0x01, 0, 0, 20, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1);
    assertNull(InitChunk.parse(new Chunk(1, 0, v, 4, 16)));
  }

  @Test
  void initWriteMatchesLayout() {
    PacketWriter w = new PacketWriter(1200);
    w.begin(5000, 5000, 0);
    InitChunk.write(w, ChunkType.INIT, 0x01020304, 65536, 10, 20, 0x0A0B0C0D, null, List.of());
    int len = w.finish();
    byte[] expected =
        withChecksum(
            bytes(
                0x13, 0x88, 0x13, 0x88, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x1C, 0x01, 0x02,
                0x03, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x14, 0x0A, 0x0B, 0x0C, 0x0D,
                0x80, 0x08, 0x00, 0x05, 0x82, 0, 0, 0));
    assertArrayEquals(expected, Arrays.copyOf(w.buffer(), len));
  }

  @Test
  void dataChunkLayout() {
    PacketWriter w = new PacketWriter(1200);
    w.begin(5000, 5000, 0x11223344);
    DataChunk.write(
        w, DataChunk.FLAG_BEGIN | DataChunk.FLAG_END, 0x100, 3, 9, 51, bytes('h', 'i', '!'));
    int len = w.finish();
    byte[] expected =
        withChecksum(
            bytes(
                0x13, 0x88, 0x13, 0x88, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0, 0x00, 0x03, 0x00,
                0x13, // DATA, flags B|E, length 19 (padding not counted)
                0x00, 0x00, 0x01, 0x00, // TSN
                0x00, 0x03, 0x00, 0x09, // stream 3, SSN 9
                0x00, 0x00, 0x00, 0x33, // PPID 51
                'h', 'i', '!', 0)); // user data + 1 byte padding
    assertArrayEquals(expected, Arrays.copyOf(w.buffer(), len));
    SctpPacket pkt = SctpPacket.parse(expected, 0, expected.length);
    assertNotNull(pkt);
    DataChunk d = DataChunk.parse(pkt.chunks().get(0));
    assertNotNull(d);
    assertEquals(0x100, d.tsn());
    assertEquals(3, d.streamId());
    assertEquals(9, d.ssn());
    assertEquals(51, d.ppid());
    assertTrue(d.begin() && d.end() && !d.unordered());
    assertEquals(3, d.dataLen());
  }

  @Test
  void sackWithGapsAndDuplicatesParses() {
    byte[] v =
        bytes(
            0x03, 0x00, 0x00, 0x1C, // SACK, length 28
            0x00, 0x00, 0x00, 0x64, // cumulative TSN 100
            0x00, 0x00, 0x80, 0x00, // a_rwnd 32768
            0x00, 0x02, 0x00, 0x01, // 2 gap blocks, 1 duplicate
            0x00, 0x02, 0x00, 0x03, // TSN 102-103
            0x00, 0x05, 0x00, 0x05, // TSN 105
            0x00, 0x00, 0x00, 0x63); // duplicate 99
    SackChunk s = SackChunk.parse(new Chunk(3, 0, v, 4, 24));
    assertNotNull(s);
    assertEquals(100, s.cumulativeTsnAck());
    assertEquals(32768, s.advertisedWindow());
    assertArrayEquals(new int[] {2, 5}, s.gapStarts());
    assertArrayEquals(new int[] {3, 5}, s.gapEnds());
    assertArrayEquals(new int[] {99}, s.duplicates());
    assertNull(SackChunk.parse(new Chunk(3, 0, v, 4, 20)), "gap count beyond the chunk");
  }

  @Test
  void trackerWritesTheSameSack() {
    ReceivedTsnTracker t = new ReceivedTsnTracker(1);
    for (int tsn : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) {
      t.check(tsn);
      t.mark(tsn);
    }
    // cum becomes 100 after TSNs 1..100; emulate with a tracker starting at 100.
    ReceivedTsnTracker r = new ReceivedTsnTracker(100);
    for (int tsn : new int[] {100, 102, 103, 105}) {
      assertEquals(ReceivedTsnTracker.Status.NEW, r.check(tsn));
      r.mark(tsn);
    }
    assertEquals(ReceivedTsnTracker.Status.DUPLICATE, r.check(99));
    PacketWriter w = new PacketWriter(1200);
    w.begin(5000, 5000, 1);
    r.writeSack(w, 32768);
    int len = w.finish();
    byte[] chunk = Arrays.copyOfRange(w.buffer(), 12, len);
    assertArrayEquals(
        bytes(
            0x03, 0x00, 0x00, 0x1C, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x80, 0x00, 0x00, 0x02,
            0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x05, 0x00, 0x05, 0x00, 0x00, 0x00, 0x63),
        chunk);
    assertEquals(10, t.cumulativeTsn());
  }

  @Test
  void trackerHandlesTsnWrapAndWindow() {
    ReceivedTsnTracker t = new ReceivedTsnTracker(0xFFFFFFFE);
    for (int tsn : new int[] {0xFFFFFFFE, 0xFFFFFFFF, 0, 1}) {
      assertEquals(ReceivedTsnTracker.Status.NEW, t.check(tsn));
      t.mark(tsn);
    }
    assertEquals(1, t.cumulativeTsn());
    assertEquals(
        ReceivedTsnTracker.Status.OUT_OF_WINDOW, t.check(1 + ReceivedTsnTracker.WINDOW + 1));
    assertEquals(ReceivedTsnTracker.Status.NEW, t.check(1 + ReceivedTsnTracker.WINDOW));
    assertFalse(t.hasGaps());
  }

  @Test
  void malformedPacketsAreRejected() {
    byte[] ok = withChecksum(bytes(0x13, 0x88, 0x13, 0x88, 0, 0, 0, 1, 0, 0, 0, 0, 0x0B, 0, 0, 4));
    assertNotNull(SctpPacket.parse(ok, 0, ok.length));
    byte[] badCrc = ok.clone();
    badCrc[9] ^= 0x40;
    assertNull(SctpPacket.parse(badCrc, 0, badCrc.length));
    byte[] badLen =
        withChecksum(bytes(0x13, 0x88, 0x13, 0x88, 0, 0, 0, 1, 0, 0, 0, 0, 0x0B, 0, 0, 8));
    assertNull(SctpPacket.parse(badLen, 0, badLen.length), "chunk longer than the packet");
    byte[] zeroLen =
        withChecksum(bytes(0x13, 0x88, 0x13, 0x88, 0, 0, 0, 1, 0, 0, 0, 0, 0x0B, 0, 0, 0));
    assertNull(SctpPacket.parse(zeroLen, 0, zeroLen.length), "chunk length below 4");
    assertNull(SctpPacket.parse(ok, 0, 12), "no chunk");
    assertNull(SctpPacket.parse(ok, 4, ok.length), "beyond the buffer");
  }

  @Test
  void stateCookieRoundTripAndTamper() {
    StateCookieSigner s = new StateCookieSigner();
    StateCookie c = new StateCookie(1000, 60_000, 1, 2, 3, 4, 5, 6, 7, true);
    byte[] sealed = s.seal(c);
    assertEquals(c, requireNonNull(s.open(sealed, 0, sealed.length, 2000)).cookie());
    assertFalse(requireNonNull(s.open(sealed, 0, sealed.length, 2000)).stale());
    assertTrue(requireNonNull(s.open(sealed, 0, sealed.length, 1000 + 60_001)).stale());
    sealed[13] ^= 1;
    assertNull(s.open(sealed, 0, sealed.length, 2000));
    byte[] other = new StateCookieSigner().seal(c);
    assertNull(s.open(other, 0, other.length, 2000), "another server's secret");
  }

  @Test
  void reconfigRequestLayout() {
    byte[] chunk = Reconfig.outgoingResetRequest(7, 6, 0x55, new int[] {1, 3});
    assertArrayEquals(
        bytes(
            0x82, 0x00, 0x00, 0x18, // RE-CONFIG, length 24
            0x00, 0x0D, 0x00, 0x14, // Outgoing SSN Reset Request, length 20
            0, 0, 0, 7, 0, 0, 0, 6, 0, 0, 0, 0x55, // req seq, resp seq, last TSN
            0, 1, 0, 3), // streams
        chunk);
    List<Reconfig.Param> ps = Reconfig.parse(new Chunk(130, 0, chunk, 4, 20));
    assertNotNull(ps);
    assertEquals(1, ps.size());
    assertArrayEquals(new int[] {1, 3}, ps.get(0).streams());
    assertEquals(0x55, ps.get(0).lastTsn());
  }
}
