package upcast.signaling.notify;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.signaling.live.GoLiveListener;
import upcast.signaling.store.BroadcastRecord;
import upcast.signaling.store.NotificationStore;
import upcast.signaling.store.User;

/**
 * Go-live notifications: when someone goes live, every follower who has not muted them gets one
 * inbox item (a single {@code INSERT … SELECT}, exactly once), and followers with an Upcast page
 * open get it at once over their WebSocket or SSE stream. Runs on its own thread, so starting a
 * broadcast never waits for the fan-out.
 */
public final class NotificationService implements GoLiveListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

  private final NotificationStore store;
  private final NotificationHub hub;
  private final Clock clock;
  private final ThreadPoolExecutor worker =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "upcast-notify");
            t.setDaemon(true);
            return t;
          },
          (r, executor) -> LOG.warn("notification queue full: a go-live fan-out was dropped"));

  public NotificationService(NotificationStore store, NotificationHub hub, Clock clock) {
    this.store = store;
    this.hub = hub;
    this.clock = clock;
  }

  public NotificationHub hub() {
    return hub;
  }

  @Override
  public void onGoLive(BroadcastRecord broadcast) {
    worker.execute(() -> fanOut(broadcast));
  }

  private void fanOut(BroadcastRecord b) {
    try {
      long start = System.nanoTime();
      int added = store.fanOutLive(b.id(), b.userId(), clock.instant());
      Collection<Long> online = hub.online();
      int pushed = 0;
      if (!online.isEmpty()) {
        for (var r : store.ofBroadcastFor(b.id(), online)) {
          hub.deliver(r.userId(), NotificationView.of(r));
          pushed++;
        }
      }
      LOG.info(
          "broadcast {}: {} inbox item(s) in {} ms, {} shown at once",
          b.id(),
          added,
          (System.nanoTime() - start) / 1_000_000,
          pushed);
    } catch (RuntimeException e) {
      LOG.warn("go-live fan-out for {} failed", b.id(), e);
    }
  }

  /** A page of the inbox, newest first, below item {@code beforeId} (0: from the newest). */
  public List<NotificationView> page(User user, long beforeId, int limit) {
    return store.page(user.id(), beforeId <= 0 ? Long.MAX_VALUE : beforeId, limit).stream()
        .map(NotificationView::of)
        .toList();
  }

  public long unread(User user) {
    return store.unread(user.id());
  }

  /** Marks items (or all, with null) read; returns the unread count after. */
  public long markRead(User user, @Nullable Collection<Long> ids) {
    store.markRead(user.id(), ids, clock.instant());
    return store.unread(user.id());
  }

  /** Unread items after {@code afterId}, oldest first: what an SSE client missed. */
  public List<NotificationView> missed(User user, long afterId) {
    return store.unreadAfter(user.id(), afterId, 100).stream().map(NotificationView::of).toList();
  }

  /** Waits for queued fan-outs, then stops. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
