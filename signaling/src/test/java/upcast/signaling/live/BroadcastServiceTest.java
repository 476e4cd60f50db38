package upcast.signaling.live;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import upcast.sfu.api.BroadcastStateException;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SdpException;
import upcast.sfu.api.Sfu;
import upcast.sfu.api.SfuStats;
import upcast.signaling.domain.DomainException;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.Database;
import upcast.signaling.store.User;
import upcast.signaling.store.UserStore;

/**
 * Broadcast lifecycle against a scripted SFU: viewer-count pushes on change only, ends from the
 * SFU's side, and how SFU refusals map to API errors.
 */
class BroadcastServiceTest {
  @TempDir Path data;
  private Database db;
  private FakeSfu sfu;
  private BroadcastService service;
  private User alice;

  @BeforeEach
  void open() {
    db = Database.open(data, null, null, null);
    sfu = new FakeSfu();
    service = new BroadcastService(new BroadcastStore(db), sfu, Clock.systemUTC());
    alice = new UserStore(db).create("alice", "hash").orElseThrow();
  }

  @AfterEach
  void close() {
    service.close();
    db.close();
  }

  @Test
  void viewerCountsArePushedWhenTheyChangeAndOnlyThen() throws Exception {
    String id = service.start(alice, "t", "offer").broadcast().id();
    Recorder r = new Recorder();
    service.subscribe(id, r);
    assertEquals(List.of("viewers 0"), r.events);
    sfu.counts.put(id, 2);
    r.await("viewers 2");
    Thread.sleep(2_500); // two more polls at the same count
    assertEquals(List.of("viewers 0", "viewers 2"), r.events);
    sfu.counts.put(id, 1);
    r.await("viewers 1");
  }

  @Test
  void thePublisherGoingAwayEndsTheBroadcastEverywhere() throws Exception {
    String id = service.start(alice, "t", "offer").broadcast().id();
    Recorder r = new Recorder();
    service.subscribe(id, r);
    requireNonNull(sfu.listeners.get(id)).onClosed("consent expired");
    r.await("ended");
    assertFalse(service.find(id).live());
    assertTrue(sfu.ended.contains(id));
    // Ending again (e.g. a late WHIP DELETE) changes nothing and pushes nothing.
    service.end(id);
    assertEquals(1, r.events.stream().filter(e -> e.equals("ended")).count());
  }

  @Test
  void subscribingToAnEndedBroadcastReportsTheEndAtOnce() throws Exception {
    String id = service.start(alice, "t", "offer").broadcast().id();
    service.end(id);
    Recorder r = new Recorder();
    service.subscribe(id, r);
    assertEquals(List.of("ended"), r.events);
  }

  @Test
  void refusalsAreDomainErrorsAndLeaveNoRow() throws Exception {
    sfu.refuseSdp = true;
    DomainException bad =
        assertThrows(DomainException.InvalidInput.class, () -> service.start(alice, "t", "x"));
    assertEquals("bad_sdp", bad.code());
    assertTrue(service.liveOf(alice).isEmpty());
    sfu.refuseSdp = false;

    service.start(alice, "t", "offer");
    DomainException twice =
        assertThrows(DomainException.Conflict.class, () -> service.start(alice, "t", "o"));
    assertEquals("already_live", twice.code());

    DomainException title =
        assertThrows(
            DomainException.InvalidInput.class, () -> service.start(alice, "x".repeat(141), "o"));
    assertEquals("invalid_title", title.code());
  }

  @Test
  void closingEndsWhatIsStillLive() throws Exception {
    String id = service.start(alice, "t", "offer").broadcast().id();
    service.close();
    assertFalse(service.find(id).live());
    assertTrue(sfu.ended.contains(id));
  }

  /** Records pushes as short strings. */
  private static final class Recorder implements LiveListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onViewers(String broadcastId, int count) {
      events.add("viewers " + count);
    }

    @Override
    public void onEnded(String broadcastId) {
      events.add("ended");
    }

    void await(String event) throws InterruptedException {
      for (int i = 0; i < 100 && !events.contains(event); i++) {
        Thread.sleep(50);
      }
      assertTrue(events.contains(event), "no " + event + " in " + events);
    }
  }

  /** An SFU that answers every offer and reports the counts it is told to. */
  private static final class FakeSfu implements Sfu {
    final Map<String, Integer> counts = new ConcurrentHashMap<>();
    final Map<String, PeerListener> listeners = new ConcurrentHashMap<>();
    final List<String> ended = new CopyOnWriteArrayList<>();
    volatile boolean refuseSdp;

    @Override
    public PeerSession publish(String broadcastId, String offerSdp, PeerListener listener)
        throws SdpException, BroadcastStateException {
      if (refuseSdp) {
        throw new SdpException("refused");
      }
      if (listeners.putIfAbsent(broadcastId, listener) != null) {
        throw new BroadcastStateException(
            BroadcastStateException.Reason.ALREADY_PUBLISHING, "taken");
      }
      return session(broadcastId);
    }

    @Override
    public PeerSession view(String broadcastId, String offerSdp, PeerListener listener) {
      return session(broadcastId);
    }

    private static PeerSession session(String broadcastId) {
      return new PeerSession() {
        @Override
        public String id() {
          return "s-" + broadcastId;
        }

        @Override
        public String broadcastId() {
          return broadcastId;
        }

        @Override
        public String answerSdp() {
          return "v=0\r\n";
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void endBroadcast(String broadcastId) {
      ended.add(broadcastId);
    }

    @Override
    public int viewerCount(String broadcastId) {
      return counts.getOrDefault(broadcastId, 0);
    }

    @Override
    public SfuStats stats() {
      return new SfuStats(Map.of(), Map.of());
    }

    @Override
    public int mediaPort() {
      return 0;
    }

    @Override
    public void close() {}
  }
}
