package upcast.signaling.delivery;

import upcast.signaling.store.BroadcastRecord;

/** One way a notification leaves the server (Web Push, webhooks): one attempt for one row. */
public interface Channel {
  /** Whether this channel delivers the row (push rows or webhook rows). */
  boolean handles(Outbox.Claimed row);

  /** Makes one attempt; never throws for the receiver's failures, reports them as the outcome. */
  Outcome deliver(Outbox.Claimed row, BroadcastRecord broadcast);
}
