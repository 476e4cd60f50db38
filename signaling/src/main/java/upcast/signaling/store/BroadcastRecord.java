package upcast.signaling.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A broadcast as stored: live while {@code endedAt} is null. {@code hearts} is the stored heart
 * total (the chat flushes it a few times a second); {@code comments} who may comment ({@code
 * everyone}, {@code followers} or {@code off}).
 */
public record BroadcastRecord(
    String id,
    long userId,
    String handle,
    String title,
    Instant startedAt,
    @Nullable Instant endedAt,
    long hearts,
    String comments) {

  public boolean live() {
    return endedAt == null;
  }
}
