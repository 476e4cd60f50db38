package upcast.sfu.sctp;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns received DATA chunks back into messages, per stream (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.5">RFC 9260 §6.5</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.9">§6.9</a>): fragments of one message
 * have consecutive TSNs from the B-flagged to the E-flagged chunk; ordered messages are delivered
 * in Stream Sequence Number order, unordered ones (U flag) as soon as complete.
 *
 * <p>Bounded: at most {@code maxStreams} streams with state, at most {@code capacityBytes} buffered
 * (each fragment also counts a fixed overhead), and no message above {@code maxMessageSize} is ever
 * assembled.
 */
final class Reassembler {
  /** Bytes charged per buffered fragment on top of its payload, for the bookkeeping objects. */
  static final int FRAGMENT_OVERHEAD = 64;

  interface Sink {
    void message(int stream, int ppid, byte[] data);

    /** A message on that stream exceeded the maximum size; its fragments were dropped. */
    void oversized(int stream);
  }

  enum Result {
    /** Buffered or delivered: acknowledge the TSN. */
    ACCEPTED,
    /** No room: do not acknowledge, the peer will retransmit. */
    NO_ROOM,
    /** Acknowledge but drop (unknown stream beyond the cap, stale SSN). */
    DISCARDED
  }

  @SuppressWarnings("ArrayRecordComponent") // private; the fragment's bytes, never compared
  private record Fragment(long tsn, int flags, int ppid, byte[] data) {
    boolean begin() {
      return (flags & DataChunk.FLAG_BEGIN) != 0;
    }

    boolean end() {
      return (flags & DataChunk.FLAG_END) != 0;
    }
  }

  private static final class Partial {
    final TreeMap<Long, Fragment> fragments = new TreeMap<>();
    long begin = -1;
    long end = -1;
    int bytes;

    boolean complete() {
      return begin >= 0
          && end >= begin
          && fragments.firstKey() == begin
          && fragments.lastKey() == end
          && fragments.size() == end - begin + 1;
    }
  }

  private static final class Stream {
    int expectedSsn;
    final TreeMap<Integer, Partial> ordered = new TreeMap<>();
    final TreeMap<Long, Fragment> unordered = new TreeMap<>();

    int unwrapSsn(int ssn) {
      return expectedSsn + (short) (ssn - expectedSsn);
    }
  }

  private final int maxMessageSize;
  private final int capacityBytes;
  private final int maxStreams;
  private final Map<Integer, Stream> streams = new HashMap<>();
  private int bufferedBytes;

  Reassembler(int maxMessageSize, int capacityBytes, int maxStreams) {
    this.maxMessageSize = maxMessageSize;
    this.capacityBytes = capacityBytes;
    this.maxStreams = maxStreams;
  }

  int bufferedBytes() {
    return bufferedBytes;
  }

  int streamCount() {
    return streams.size();
  }

  boolean hasStream(int id) {
    return streams.containsKey(id);
  }

  /** Creates state for a stream we expect data on (a channel we opened); false if at the cap. */
  boolean openStream(int id) {
    if (streams.containsKey(id)) {
      return true;
    }
    if (streams.size() >= maxStreams) {
      return false;
    }
    streams.put(id, new Stream());
    return true;
  }

  /** RFC 6525 §5.2.2: the peer reset its outgoing stream; forget partial data, SSN back to 0. */
  void resetStream(int id) {
    Stream s = streams.remove(id);
    if (s == null) {
      return;
    }
    for (Partial p : s.ordered.values()) {
      bufferedBytes -= p.bytes;
    }
    for (Fragment f : s.unordered.values()) {
      bufferedBytes -= cost(f.data.length);
    }
  }

  Result add(DataChunk d, long tsn, Sink sink) {
    int cost = cost(d.dataLen());
    if (bufferedBytes + cost > capacityBytes) {
      return Result.NO_ROOM;
    }
    Stream s = streams.get(d.streamId());
    if (s == null) {
      if (!openStream(d.streamId())) {
        return Result.DISCARDED;
      }
      s = requireNonNull(streams.get(d.streamId())); // just opened
    }
    byte[] data = new byte[d.dataLen()];
    System.arraycopy(d.buf(), d.dataOff(), data, 0, data.length);
    Fragment f = new Fragment(tsn, d.flags(), d.ppid(), data);
    return d.unordered() ? addUnordered(s, d.streamId(), f, sink) : addOrdered(s, d, f, sink);
  }

  private Result addOrdered(Stream s, DataChunk d, Fragment f, Sink sink) {
    int ssn = s.unwrapSsn(d.ssn());
    if (ssn < s.expectedSsn) {
      return Result.DISCARDED;
    }
    Partial p = s.ordered.computeIfAbsent(ssn, k -> new Partial());
    if (p.fragments.containsKey(f.tsn)) {
      return Result.DISCARDED;
    }
    p.fragments.put(f.tsn, f);
    int cost = cost(f.data.length);
    p.bytes += cost;
    bufferedBytes += cost;
    if (f.begin()) {
      p.begin = f.tsn;
    }
    if (f.end()) {
      p.end = f.tsn;
    }
    if (p.bytes - p.fragments.size() * FRAGMENT_OVERHEAD > maxMessageSize) {
      s.ordered.remove(ssn);
      bufferedBytes -= p.bytes;
      sink.oversized(d.streamId());
      return Result.ACCEPTED;
    }
    while (true) {
      Partial next = s.ordered.get(s.expectedSsn);
      if (next == null || !next.complete()) {
        break;
      }
      s.ordered.remove(s.expectedSsn);
      s.expectedSsn++;
      bufferedBytes -= next.bytes;
      sink.message(
          d.streamId(), next.fragments.lastEntry().getValue().ppid, concat(next.fragments));
      if (streams.get(d.streamId()) != s) {
        break; // the sink reset this stream
      }
    }
    return Result.ACCEPTED;
  }

  private Result addUnordered(Stream s, int streamId, Fragment f, Sink sink) {
    if (f.begin() && f.end()) {
      sink.message(streamId, f.ppid, f.data);
      return Result.ACCEPTED;
    }
    s.unordered.put(f.tsn, f);
    bufferedBytes += cost(f.data.length);
    long first = f.tsn;
    while (!requireNonNull(s.unordered.get(first)).begin()) { // f, or a predecessor found below
      Fragment prev = s.unordered.get(first - 1);
      if (prev == null || prev.end()) {
        return Result.ACCEPTED;
      }
      first--;
    }
    long last = f.tsn;
    while (!requireNonNull(s.unordered.get(last)).end()) { // f, or a successor found below
      Fragment next = s.unordered.get(last + 1);
      if (next == null || next.begin()) {
        return Result.ACCEPTED;
      }
      last++;
    }
    TreeMap<Long, Fragment> run = new TreeMap<>(s.unordered.subMap(first, true, last, true));
    for (Fragment g : run.values()) {
      s.unordered.remove(g.tsn);
      bufferedBytes -= cost(g.data.length);
    }
    byte[] msg = concatChecked(run);
    if (msg == null) {
      sink.oversized(streamId);
    } else {
      sink.message(streamId, f.ppid, msg);
    }
    return Result.ACCEPTED;
  }

  private byte @Nullable [] concatChecked(SortedMap<Long, Fragment> run) {
    long total = 0;
    for (Fragment g : run.values()) {
      total += g.data.length;
    }
    return total > maxMessageSize ? null : concat(run);
  }

  private static byte[] concat(SortedMap<Long, Fragment> fragments) {
    int total = 0;
    for (Fragment g : fragments.values()) {
      total += g.data.length;
    }
    byte[] out = new byte[total];
    int p = 0;
    for (Fragment g : fragments.values()) {
      System.arraycopy(g.data, 0, out, p, g.data.length);
      p += g.data.length;
    }
    return out;
  }

  private static int cost(int payload) {
    return payload + FRAGMENT_OVERHEAD;
  }
}
