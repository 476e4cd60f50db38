package upcast.loadgen;

/**
 * A server under test: how the synthetic broadcast reaches it, how one viewer signals with it, and
 * what its counters say. The load, the viewers and the measurements are the same for every target.
 */
interface Target extends AutoCloseable {
  /** "upcast" or "janus", as in the report. */
  String name();

  /** Starts the broadcast and returns where its RTP goes. */
  MediaPublisher.RtpOut publish() throws Exception;

  /**
   * Signals one prepared viewer and hands it to the pool; false (after printing why) if refused.
   */
  boolean join(ViewerPool pool, LoadViewer viewer) throws Exception;

  ServerSample sample() throws Exception;

  /**
   * Bytes of heap still reachable after a full collection the benchmark asks for, or -1 where the
   * target has no such heap (Janus). Called between measurement windows, since it pauses the
   * server.
   */
  default double liveHeapBytes() throws Exception {
    return -1;
  }

  /**
   * Whether {@link #leave} ends viewers' sessions; only such targets are warmed up before they are
   * measured (Upcast's JIT; Janus is C, with nothing to warm).
   */
  default boolean canEndViewers() {
    return false;
  }

  /** Ends one viewer's session at the server (WHEP {@code DELETE}); false if it could not. */
  default boolean leave(LoadViewer viewer) throws Exception {
    return false;
  }

  /** Ends the broadcast and the viewers' sessions. */
  @Override
  void close() throws Exception;
}
