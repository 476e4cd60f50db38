package upcast.sfu.sctp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes and mutated valid packets fed to an established association: nothing escapes, and
 * every buffer stays under its cap. Mutants mostly get a correct checksum so they reach the chunk
 * parsers instead of dying at the CRC.
 */
class FuzzTest {
  private static final int ITERATIONS = 200_000;
  private static final long MAX_WALL_MILLIS = 60_000;

  @Test
  void mutatedAndRandomPacketsNeverEscapeOrGrowState() {
    Random r = new Random(0xF022);
    long deadline = System.currentTimeMillis() + MAX_WALL_MILLIS;
    Link l = freshLink(r.nextLong());
    int recreated = 0;
    int fed = 0;
    for (int i = 0; i < ITERATIONS && System.currentTimeMillis() < deadline; i++) {
      if (l.b.state() == SctpState.CLOSED) {
        checkBounds(l);
        l = freshLink(r.nextLong());
        recreated++;
      }
      byte[] p = nextInput(r, l.tapFromA);
      l.b.handlePacket(p, 0, p.length);
      fed++;
      if (i % 64 == 0) {
        l.runFor(30); // let B's answers and timers run
        checkBounds(l);
      }
      if (i % 512 == 0) {
        // keep real traffic flowing so the seeds stay fresh
        DataChannel c = l.a.channel(0);
        if (c != null && c.state() == DataChannel.State.OPEN) {
          c.sendText("keepalive " + i);
        }
      }
    }
    checkBounds(l);
    System.out.printf(
        "fuzz: %d inputs, %d fresh associations, last one dropped %d of %d packets%n",
        fed,
        recreated,
        l.counter(l.metricsB, "sctp_packets_dropped", "invalid"),
        l.counter(l.metricsB, "sctp_packets_received"));
    assertTrue(fed > 10_000, "fuzzed " + fed + " inputs, " + recreated + " fresh associations");
  }

  private static Link freshLink(long seed) {
    Link l = new Link(seed);
    assertTrue(l.handshake());
    DataChannel c = l.a.openChannel("fuzz");
    c.sendText("hello");
    c.sendBinary(new byte[5000]);
    l.runFor(500);
    return l;
  }

  private static byte[] nextInput(Random r, List<byte[]> seeds) {
    int kind = r.nextInt(10);
    if (kind == 0 || seeds.isEmpty()) {
      byte[] p = new byte[r.nextInt(1300)];
      r.nextBytes(p);
      if (r.nextBoolean() && p.length >= 12) {
        Crc32c.write(p, 0, p.length);
      }
      return p;
    }
    byte[] seed = seeds.get(r.nextInt(seeds.size()));
    byte[] p = seed.clone();
    int mutations = 1 + r.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      switch (r.nextInt(6)) {
        case 0 -> { // flip a bit after the common header's tag
          if (p.length > 12) {
            int at = 12 + r.nextInt(p.length - 12);
            p[at] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> p = java.util.Arrays.copyOf(p, Math.max(0, r.nextInt(p.length + 1))); // truncate
        case 2 -> { // rewrite a length-looking 16-bit field
          if (p.length > 16) {
            int at = 12 + 2 * r.nextInt((p.length - 14) / 2);
            Bytes.put16(p, at, r.nextInt(3) == 0 ? 0 : r.nextInt(70_000) & 0xFFFF);
          }
        }
        case 3 -> { // change the chunk type
          if (p.length > 12) {
            p[12] = (byte) r.nextInt(256);
          }
        }
        case 4 -> { // random chunk flags
          if (p.length > 13) {
            p[13] = (byte) r.nextInt(256);
          }
        }
        default -> { // extend with garbage
          byte[] q = java.util.Arrays.copyOf(p, p.length + r.nextInt(64));
          for (int k = p.length; k < q.length; k++) {
            q[k] = (byte) r.nextInt(256);
          }
          p = q;
        }
      }
    }
    if (p.length >= 12 && r.nextInt(10) != 0) {
      Crc32c.write(p, 0, p.length);
    }
    return p;
  }

  private static void checkBounds(Link l) {
    AssociationProbe b = l.b.probe();
    assertTrue(
        b.reassemblyBytes()
            <= SctpConfig.defaults(false, new StateCookieSigner()).receiveBufferBytes());
    assertTrue(b.streamStates() <= 1024 * 2 + 16);
    assertTrue(l.b.channels().size() <= 1024);
    assertTrue(b.controlQueued() <= SctpAssociation.MAX_CONTROL_CHUNKS);
    assertTrue(b.sendBufferedBytes() <= (1 << 20) + 64 * 1024, "send buffer");
    assertTrue(b.pendingResetCount() <= 65_536);
  }
}
