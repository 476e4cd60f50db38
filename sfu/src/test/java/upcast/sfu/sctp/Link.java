package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import upcast.sfu.metrics.Metrics;

/**
 * Two associations joined back to back by an in-memory link with a fixed one-way delay and,
 * optionally, seeded loss, duplication and reordering. All time is simulated (FakeTimers).
 */
final class Link {
  static final long DELAY_MILLIS = 10;

  @SuppressWarnings("ArrayRecordComponent") // a packet in flight, never compared
  private record InFlight(long at, long seq, boolean toB, byte[] bytes) {}

  final FakeTimers timers = new FakeTimers();
  final Recorder ra = new Recorder();
  final Recorder rb = new Recorder();
  final Metrics metricsA = new Metrics();
  final Metrics metricsB = new Metrics();
  final SctpAssociation a;
  final SctpAssociation b;
  private final List<InFlight> inFlight = new ArrayList<>();
  private final Random random;
  double loss;
  double duplicate;
  double reorder;
  long seq;

  /** When false, packets from B to A vanish (a peer that never answers). */
  boolean bToAOpen = true;

  /** Copies of the first packets A sent, as seeds for fuzzing. */
  final List<byte[]> tapFromA = new ArrayList<>();

  Link(long seed) {
    this(seed, SctpConfig.defaults(true, new StateCookieSigner()), null);
  }

  Link(long seed, SctpConfig configA, @Nullable SctpConfig configB) {
    this.random = new Random(seed);
    StateCookieSigner signerB = new StateCookieSigner();
    SctpConfig cb =
        configB != null
            ? configB
            : new SctpConfig(
                configA.remotePort(),
                configA.localPort(),
                !configA.dtlsClient(),
                configA.maxMessageSize(),
                configA.sendBufferBytes(),
                configA.receiveBufferBytes(),
                configA.maxChannels(),
                configA.mtu(),
                signerB);
    a =
        new SctpAssociation(
            configA, (buf, off, len) -> carry(true, buf, off, len), timers, ra, ra, metricsA);
    b =
        new SctpAssociation(
            cb, (buf, off, len) -> carry(false, buf, off, len), timers, rb, rb, metricsB);
  }

  private void carry(boolean toB, byte[] buf, int off, int len) {
    if (!toB && !bToAOpen) {
      return;
    }
    if (random.nextDouble() < loss) {
      return;
    }
    byte[] copy = new byte[len];
    System.arraycopy(buf, off, copy, 0, len);
    if (toB && tapFromA.size() < 500) {
      tapFromA.add(copy);
    }
    int copies = random.nextDouble() < duplicate ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long jitter = random.nextDouble() < reorder ? 1 + random.nextInt(30) : 0;
      inFlight.add(new InFlight(timers.nowMillis() + DELAY_MILLIS + jitter, seq++, toB, copy));
    }
  }

  /** Runs the simulation until {@code done} or {@code maxMillis} of simulated time pass. */
  boolean runUntil(BooleanSupplier done, long maxMillis) {
    long end = timers.nowMillis() + maxMillis;
    for (int steps = 0; steps < 5_000_000; steps++) {
      if (done.getAsBoolean()) {
        return true;
      }
      InFlight next = null;
      for (InFlight f : inFlight) {
        if (next == null || f.at < next.at || (f.at == next.at && f.seq < next.seq)) {
          next = f;
        }
      }
      long packetAt = next == null ? Long.MAX_VALUE : next.at;
      long timerAt = timers.nextDue();
      long t = Math.min(packetAt, timerAt);
      if (t == Long.MAX_VALUE || t > end) {
        timers.advanceTo(end);
        return done.getAsBoolean();
      }
      timers.advanceTo(t);
      if (packetAt <= timerAt) {
        requireNonNull(next); // packetAt is finite
        inFlight.remove(next);
        (next.toB ? b : a).handlePacket(next.bytes, 0, next.bytes.length);
      } else {
        timers.runDue();
      }
    }
    return done.getAsBoolean();
  }

  void runFor(long millis) {
    runUntil(() -> false, millis);
  }

  boolean handshake() {
    a.connect();
    return runUntil(
        () -> a.state() == SctpState.ESTABLISHED && b.state() == SctpState.ESTABLISHED, 60_000);
  }

  int inFlightCount() {
    return inFlight.size();
  }

  long counter(Metrics m, String name) {
    return m.counter(name).sum();
  }

  long counter(Metrics m, String family, String reason) {
    return m.counter(family, reason).sum();
  }
}
