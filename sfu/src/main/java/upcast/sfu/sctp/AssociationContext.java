package upcast.sfu.sctp;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link SctpAssociation} lends to the parts it delegates to ({@link Handshake}, {@link
 * Transmitter}, {@link Heartbeat}, {@link Shutdown}, {@link StreamResets}, …): its state, its peer,
 * its clock, and its ways of reporting and ending. The association stays the one owner of the state
 * (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-4">RFC 9260 §4</a>); a part moves it
 * only for the event it handles.
 */
interface AssociationContext {
  SctpState state();

  /** One transition of the RFC 9260 §4 state diagram. */
  void setState(SctpState next);

  /** Whether the association has ended for good; nothing may be sent or scheduled after that. */
  boolean terminated();

  /** The peer's verification tag (§8.5); meaningful once {@link #tracker()} is not null. */
  int peerTag();

  /** TSNs received from the peer; {@code null} until the handshake has learned its initial TSN. */
  @Nullable ReceivedTsnTracker tracker();

  /**
   * The handshake learned the peer's parameters (§5.1, from INIT ACK or State Cookie): its tag,
   * initial TSN, receiver window, stream counts and whether it supports RFC 6525.
   */
  void setupPeer(int tag, int initialTsn, long window, int os, int mis, boolean reconfig);

  /** The handshake completed (§5.1 D or E): the association enters ESTABLISHED. */
  void establish();

  long nowMillis();

  /**
   * Schedules a timer whose task is driven like any other input: listener callbacks and a flush run
   * after it.
   */
  SctpTimers.Cancellable startTimer(Runnable task, long delayMillis);

  /** Cancels a timer from {@link #startTimer}, if there is one. */
  static void cancel(SctpTimers.@Nullable Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  /** Queues a listener callback; it runs after the packet or call being handled. */
  void post(Runnable callback);

  /** Counts an inbound packet or chunk dropped as invalid ({@code sctp_packets_dropped}). */
  void countDropped();

  /** The peer answered (§8.1): the association error counter starts over. */
  void clearErrors();

  /**
   * One more retransmission or heartbeat without an answer (<a
   * href="https://www.rfc-editor.org/rfc/rfc9260#section-8.1">§8.1</a>). Past
   * Association.Max.Retrans the association sends ABORT with {@code abortInfo} and ends with {@code
   * closeReason}.
   *
   * @return whether the association has ended
   */
  boolean countError(String abortInfo, String closeReason);

  /** Sends ABORT (§9.1) with one error cause if the peer is known, then ends the association. */
  void abort(int cause, @Nullable String info, String closeReason);

  /** Ends the association for good without telling the peer. */
  void terminate(String reason);
}
