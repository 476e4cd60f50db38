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

  /** Ends the broadcast and the viewers' sessions. */
  @Override
  void close() throws Exception;
}
