package upcast.sfu.broadcast;

import org.jspecify.annotations.Nullable;
import upcast.sfu.rtp.Rtp;

/**
 * The publisher's latest keyframe of one video track and every packet of the track since, as
 * forwarded (decrypted, publisher's header), so a joining viewer can start decoding at once instead
 * of waiting for the next keyframe.
 *
 * <p>Why the deltas too and not only the keyframe: a delta frame references the frames before it
 * (VP8 last/golden/altref, H.264 reference pictures), so a viewer given only the keyframe could not
 * decode the live packets that follow until the next keyframe. Replaying the whole group of
 * pictures also keeps the viewer's stream exactly the publisher's: sequence numbers run on without
 * a gap into the live packets, timestamps and SSRC stay valid for the publisher's sender reports,
 * and no per-viewer rewriting is needed on the live path.
 *
 * <p>Replaying a long group of pictures is a burst a viewer's path (and receive buffer) may not
 * absorb, so {@link Broadcast} replays it whole only while it is short, and otherwise only the
 * keyframe's own packets ({@link #keyframePackets()}): the viewer shows that picture at once and
 * resumes live at the next (requested) keyframe, with its sequence numbers shifted to run on.
 *
 * <p>Bounded and allocated once per track: {@link #MAX_PACKETS} packets in a {@link #ARENA_BYTES}
 * arena (~5 s at 1.5 Mbps). A group of pictures that outgrows it is dropped, and joining viewers
 * wait for a (requested) keyframe as before. Loop thread only.
 */
final class KeyframeCache {
  static final int MAX_PACKETS = 1024;
  static final int ARENA_BYTES = 1 << 20;

  /** Receives one cached packet during {@link #replay}. */
  interface PacketConsumer {
    void accept(byte[] buf, int off, int len);
  }

  private byte @Nullable [] arena; // allocated at the first keyframe
  private final int[] offsets = new int[MAX_PACKETS];
  private final int[] lengths = new int[MAX_PACKETS];
  private int count;
  private int used;
  private boolean valid;
  private long keyframeMillis;
  private long keyframeTimestamp;
  private int keyframePackets;
  private boolean keyframeOpen;

  /** Records a forwarded packet of the track; {@code keyframeStart} restarts the cache. */
  void add(byte[] buf, int off, int len, boolean keyframeStart, long nowMillis) {
    if (keyframeStart) {
      if (arena == null) {
        arena = new byte[ARENA_BYTES];
      }
      count = 0;
      used = 0;
      valid = true;
      keyframeMillis = nowMillis;
      keyframeTimestamp = Rtp.timestamp(buf, off);
      keyframePackets = 0;
      keyframeOpen = true;
    }
    if (!valid) {
      return;
    }
    if (keyframeOpen) {
      if (Rtp.timestamp(buf, off) == keyframeTimestamp) {
        keyframePackets++;
      } else {
        keyframeOpen = false;
      }
    }
    if (count == MAX_PACKETS || used + len > ARENA_BYTES) {
      clear();
      return;
    }
    System.arraycopy(buf, off, arena, used, len);
    offsets[count] = used;
    lengths[count] = len;
    count++;
    used += len;
  }

  /** Forgets the cached packets (e.g. the publisher's SSRC changed). */
  void clear() {
    valid = false;
    count = 0;
    used = 0;
  }

  /** Whether a keyframe and everything since is cached. */
  boolean valid() {
    return valid;
  }

  /** Milliseconds since the cached keyframe arrived (meaningful only when {@link #valid()}). */
  long ageMillis(long nowMillis) {
    return nowMillis - keyframeMillis;
  }

  int packets() {
    return valid ? count : 0;
  }

  /** The packets of the keyframe itself (those with its RTP timestamp) at the head of the cache. */
  int keyframePackets() {
    return valid ? keyframePackets : 0;
  }

  /** Whether packets after the keyframe's own have arrived: the keyframe is complete. */
  boolean keyframeComplete() {
    return valid && !keyframeOpen;
  }

  /** Hands every cached packet, oldest first, to {@code out}; returns how many. */
  int replay(PacketConsumer out) {
    return replay(out, Integer.MAX_VALUE);
  }

  /**
   * Hands the first {@code limit} cached packets, oldest first, to {@code out}; returns how many.
   */
  int replay(PacketConsumer out, int limit) {
    byte[] arena = this.arena;
    if (!valid || arena == null) {
      return 0;
    }
    int n = Math.min(count, limit);
    for (int i = 0; i < n; i++) {
      out.accept(arena, offsets[i], lengths[i]);
    }
    return n;
  }
}
