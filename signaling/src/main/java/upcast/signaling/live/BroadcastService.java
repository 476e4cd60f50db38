package upcast.signaling.live;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.api.BroadcastStateException;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SdpException;
import upcast.sfu.api.Sfu;
import upcast.signaling.domain.DomainException.Conflict;
import upcast.signaling.domain.DomainException.InvalidInput;
import upcast.signaling.domain.DomainException.NotFound;
import upcast.signaling.store.BroadcastRecord;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.User;

/**
 * Broadcast lifecycle across the database and the SFU: start (one live broadcast per user), view,
 * end from any cause, and pushes of viewer counts and ends to the sockets that listen.
 */
public final class BroadcastService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BroadcastService.class);
  private static final String ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int MAX_TITLE = 140;

  private final BroadcastStore store;
  private final Sfu sfu;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Object startLock = new Object();
  private final Map<String, Set<LiveListener>> listeners = new ConcurrentHashMap<>();
  private final Map<String, Integer> lastCounts = new ConcurrentHashMap<>();
  private final List<GoLiveListener> goLiveListeners = new CopyOnWriteArrayList<>();
  private volatile PeerHook peerHook = PeerHook.NONE;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "upcast-broadcasts");
            t.setDaemon(true);
            return t;
          });

  public BroadcastService(BroadcastStore store, Sfu sfu, Clock clock) {
    this.store = store;
    this.sfu = sfu;
    this.clock = clock;
    int stale = store.endAllLive(clock.instant());
    if (stale > 0) {
      LOG.info("ended {} broadcast(s) left live by a previous run", stale);
    }
    var unused = // pushViewerCounts catches its own failures, so the schedule goes on
        worker.scheduleWithFixedDelay(this::pushViewerCounts, 1, 1, TimeUnit.SECONDS);
  }

  /** A started broadcast and its publisher session. */
  public record Started(BroadcastRecord broadcast, PeerSession session) {}

  public Started start(User owner, String title, String offerSdp) throws InvalidInput, Conflict {
    String cleanTitle = title == null ? "" : title.strip();
    if (cleanTitle.length() > MAX_TITLE) {
      throw new InvalidInput("invalid_title", "A title is at most 140 characters.");
    }
    if (cleanTitle.isEmpty()) {
      cleanTitle = "@" + owner.handle() + " is live";
    }
    synchronized (startLock) {
      if (store.liveOf(owner.id()).isPresent()) {
        throw new Conflict("already_live", "You are already live. End that broadcast first.");
      }
      String id = newId();
      BroadcastRecord record = store.create(id, owner, cleanTitle, clock.instant());
      try {
        PeerSession session =
            peerHook.attach(
                record, owner, true, publisherListener(id), l -> sfu.publish(id, offerSdp, l));
        LOG.info("broadcast {} started by @{}: {}", id, owner.handle(), cleanTitle);
        announce(record);
        return new Started(record, session);
      } catch (SdpException e) {
        store.delete(id);
        throw new InvalidInput("bad_sdp", "Bad SDP offer: " + e.getMessage());
      } catch (BroadcastStateException e) {
        store.delete(id);
        throw new Conflict("already_live", "This broadcast already has a publisher.");
      } catch (RuntimeException e) {
        store.delete(id);
        throw e;
      }
    }
  }

  /** Registers {@code l} to hear of every broadcast that starts from now on. */
  public void addGoLiveListener(GoLiveListener l) {
    goLiveListeners.add(l);
  }

  /** Tells the go-live listeners on the worker thread, so the start request never waits. */
  private void announce(BroadcastRecord record) {
    if (goLiveListeners.isEmpty()) {
      return;
    }
    try {
      worker.execute(
          () -> {
            for (GoLiveListener l : goLiveListeners) {
              try {
                l.onGoLive(record);
              } catch (RuntimeException e) {
                LOG.warn("go-live listener failed for {}", record.id(), e);
              }
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.warn("shutting down: no go-live announcement for {}", record.id());
    }
  }

  /** Sets the hook that takes part in every peer session from now on (the chat). */
  public void setPeerHook(PeerHook hook) {
    this.peerHook = hook;
  }

  /**
   * Attaches a viewer to a live broadcast.
   *
   * @param viewer the signed-in user watching, or null for an anonymous viewer
   */
  public PeerSession view(
      String broadcastId, String offerSdp, @Nullable User viewer, PeerListener listener)
      throws NotFound, InvalidInput {
    BroadcastRecord b = find(broadcastId);
    if (!b.live()) {
      throw new NotFound("not_live", "This broadcast has ended.");
    }
    try {
      return peerHook.attach(b, viewer, false, listener, l -> sfu.view(broadcastId, offerSdp, l));
    } catch (SdpException e) {
      throw new InvalidInput("bad_sdp", "Bad SDP offer: " + e.getMessage());
    } catch (BroadcastStateException e) {
      throw new NotFound("not_live", "This broadcast is not live.");
    }
  }

  public BroadcastRecord find(String broadcastId) throws NotFound {
    if (broadcastId == null || broadcastId.length() > 16) {
      throw new NotFound("No such broadcast.");
    }
    return store.find(broadcastId).orElseThrow(() -> new NotFound("No such broadcast."));
  }

  public Optional<BroadcastRecord> liveOf(User user) {
    return store.liveOf(user.id());
  }

  public BroadcastView view(BroadcastRecord b) {
    return BroadcastView.of(b, sfu.viewerCount(b.id()));
  }

  public List<BroadcastView> listLive() {
    return store.live(200).stream().map(this::view).toList();
  }

  public List<BroadcastView> listRecent() {
    return store.recent(50).stream().map(this::view).toList();
  }

  /** Ends a broadcast for any reason; idempotent. Pushes {@code ended} to its listeners. */
  public void end(String broadcastId) {
    boolean wasLive = store.end(broadcastId, clock.instant());
    if (wasLive) {
      peerHook.beforeEnd(broadcastId);
    }
    sfu.endBroadcast(broadcastId);
    if (wasLive) {
      LOG.info("broadcast {} ended", broadcastId);
    }
    Set<LiveListener> ls = listeners.remove(broadcastId);
    lastCounts.remove(broadcastId);
    if (ls != null) {
      for (LiveListener l : ls) {
        l.onEnded(broadcastId);
      }
    }
  }

  /**
   * Sends {@code l} the viewer count now and whenever it changes, and {@code onEnded} once the
   * broadcast ends. A broadcast that ended before the call is reported ended at once.
   */
  public void subscribe(String broadcastId, LiveListener l) {
    listeners.computeIfAbsent(broadcastId, k -> ConcurrentHashMap.newKeySet()).add(l);
    // end() marks the row first and then takes the listeners: checking the row after adding
    // ours means an end racing with this call is never missed.
    boolean live = store.find(broadcastId).map(BroadcastRecord::live).orElse(false);
    if (!live) {
      unsubscribe(broadcastId, l);
      l.onEnded(broadcastId);
      return;
    }
    int count = sfu.viewerCount(broadcastId);
    lastCounts.putIfAbsent(broadcastId, count); // the poller pushes only later changes
    l.onViewers(broadcastId, count);
  }

  public void unsubscribe(String broadcastId, LiveListener l) {
    listeners.computeIfPresent(
        broadcastId,
        (id, set) -> {
          set.remove(l);
          return set.isEmpty() ? null : set;
        });
  }

  private PeerListener publisherListener(String broadcastId) {
    return new PeerListener() {
      @Override
      public void onClosed(String reason) {
        // Called on the media loop: the database work happens on our own thread.
        LOG.info("publisher of {} gone: {}", broadcastId, reason);
        try {
          worker.execute(() -> end(broadcastId));
        } catch (RejectedExecutionException e) {
          // Shutting down: close() ends every live broadcast itself.
        }
      }
    };
  }

  /** One poll for all broadcasts with listeners, pushing only counts that changed. */
  private void pushViewerCounts() {
    try {
      for (Map.Entry<String, Set<LiveListener>> e : listeners.entrySet()) {
        int count = sfu.viewerCount(e.getKey());
        Integer last = lastCounts.put(e.getKey(), count);
        if (last == null || last != count) {
          for (LiveListener l : e.getValue()) {
            l.onViewers(e.getKey(), count);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("viewer count push failed", e);
    }
  }

  private String newId() {
    StringBuilder sb = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    return sb.toString();
  }

  /** Ends every broadcast still live (their media stops with this process) and stops polling. */
  @Override
  public void close() {
    worker.shutdownNow();
    try {
      for (BroadcastRecord b : store.live(Integer.MAX_VALUE)) {
        end(b.id());
      }
    } catch (RuntimeException e) {
      LOG.warn("could not end live broadcasts on shutdown (the next start will)", e);
    }
  }
}
