package upcast.signaling.notify;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Who is online to be told at once: user id → their open pages' sinks. */
public final class NotificationHub {
  private final Map<Long, Set<NotificationSink>> sinks = new ConcurrentHashMap<>();

  public void register(long userId, NotificationSink sink) {
    sinks.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(sink);
  }

  public void unregister(long userId, NotificationSink sink) {
    sinks.computeIfPresent(
        userId,
        (k, set) -> {
          set.remove(sink);
          return set.isEmpty() ? null : set;
        });
  }

  /** Users with at least one open page. */
  public Set<Long> online() {
    return Set.copyOf(sinks.keySet());
  }

  /** Sends to every open page of the user. */
  public void deliver(long userId, NotificationView n) {
    Set<NotificationSink> set = sinks.get(userId);
    if (set != null) {
      for (NotificationSink s : set) {
        s.send(n);
      }
    }
  }
}
