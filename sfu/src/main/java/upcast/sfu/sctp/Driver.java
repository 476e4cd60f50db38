package upcast.sfu.sctp;

import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every input of an association (a packet, an API call, a timer) the same way: the input, then
 * the listener callbacks it queued, then one flush of whatever became sendable, so chunks caused by
 * one input are bundled (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-6.10">RFC 9260
 * §6.10</a>). A listener that calls back into the association runs inside the outer input:
 * callbacks never nest and never see the association half-way through a packet.
 */
final class Driver {
  /** Under the association's name, where these messages have always been logged. */
  private static final Logger LOG = LoggerFactory.getLogger(SctpAssociation.class);

  private final Runnable flush;
  private final ArrayDeque<Runnable> callbacks = new ArrayDeque<>();
  private boolean driving;

  Driver(Runnable flush) {
    this.flush = flush;
  }

  /** Runs an input; a re-entrant call just runs its action inside the outer one. */
  void run(Runnable action) {
    if (driving) {
      action.run();
      return;
    }
    driving = true;
    try {
      action.run();
      runCallbacks();
      flush.run();
      runCallbacks();
    } finally {
      driving = false;
    }
  }

  /** Queues a listener callback to run after the current input. */
  void post(Runnable callback) {
    callbacks.add(callback);
  }

  private void runCallbacks() {
    Runnable e;
    while ((e = callbacks.poll()) != null) {
      try {
        e.run();
      } catch (RuntimeException ex) {
        LOG.warn("SCTP listener threw", ex);
      }
    }
  }
}
