package upcast.signaling.store;

import java.time.Instant;

/** A broadcast as stored: live while {@code endedAt} is null. */
public record BroadcastRecord(
    String id, long userId, String handle, String title, Instant startedAt, Instant endedAt) {

  public boolean live() {
    return endedAt == null;
  }
}
