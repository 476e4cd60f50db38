package upcast.signaling.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.signaling.store.BroadcastRecord;
import upcast.signaling.store.BroadcastStore;

/**
 * Works off the outbox: one poller thread claims due rows, a small fixed pool delivers them (never
 * a thread per row), and each outcome is written back: delivered, retried later with exponential
 * backoff and jitter, or dead with the last error once attempts are used up.
 *
 * <p>The poller runs when there is work, not on a clock: at once when {@link #wake()}d after an
 * enqueue, when an attempt ends while due rows are still waiting for a free slot (so a backlog
 * drains as fast as the pool delivers), and at each retry's due time. Every {@link #IDLE_POLL} it
 * also looks once, for rows whose due time came in a previous run. An idle server therefore does
 * not query its database twice a second (each poll woke a thread and cost ~1 ms of CPU).
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  static final Duration IDLE_POLL = Duration.ofSeconds(5);

  /** Longer than one attempt can take (10 s total timeout), so a live lease is never stolen. */
  static final Duration LEASE = Duration.ofSeconds(60);

  private final Outbox outbox;
  private final BroadcastStore broadcasts;
  private final List<Channel> channels;
  private final DeliveryConfig config;
  private final Backoff backoff;
  private final Clock clock;
  private final ScheduledExecutorService poller;
  private final ExecutorService pool;
  private final AtomicInteger inFlight = new AtomicInteger();

  /** The last poll left due rows for lack of a free slot: the next attempt to end polls again. */
  private volatile boolean backlog;

  public DeliveryWorker(
      Outbox outbox,
      BroadcastStore broadcasts,
      List<Channel> channels,
      DeliveryConfig config,
      Clock clock) {
    this.outbox = outbox;
    this.broadcasts = broadcasts;
    this.channels = List.copyOf(channels);
    this.config = config;
    this.backoff = new Backoff(config.firstRetry());
    this.clock = clock;
    this.poller = Executors.newSingleThreadScheduledExecutor(daemon("upcast-delivery-poll"));
    this.pool = Executors.newFixedThreadPool(config.workers(), daemon("upcast-delivery"));
  }

  /** Resumes rows a previous run left and starts polling (unless delivery is paused). */
  public void start() {
    int resumed = outbox.resume();
    if (resumed > 0) {
      LOG.info("resuming {} delivery(ies) interrupted by the last stop", resumed);
    }
    if (config.paused()) {
      LOG.warn("delivery is paused (UPCAST_DELIVERY_PAUSED): notifications are queued, not sent");
      return;
    }
    var unused = // poll catches its own failures, so the schedule goes on
        poller.scheduleWithFixedDelay(this::poll, 0, IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Polls now rather than at the next tick: new rows were just enqueued. */
  public void wake() {
    if (config.paused()) {
      return;
    }
    try {
      poller.execute(this::poll);
    } catch (RejectedExecutionException e) {
      // Shutting down: the rows stay in the outbox for the next start.
    }
  }

  private void poll() {
    try {
      int free = config.workers() * 2 - inFlight.get();
      if (free <= 0) {
        backlog = true;
        return;
      }
      Instant now = clock.instant();
      List<Long> due = outbox.due(now, free);
      backlog = due.size() == free;
      for (long id : due) {
        Optional<Outbox.Claimed> row = outbox.claim(id, now, now.plus(LEASE));
        if (row.isEmpty()) {
          continue;
        }
        inFlight.incrementAndGet();
        try {
          pool.execute(() -> attempt(row.get()));
        } catch (RejectedExecutionException e) {
          inFlight.decrementAndGet();
          return; // closing; the lease is released at the next start
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("delivery poll failed; trying again in {} s", IDLE_POLL.toSeconds(), e);
    }
  }

  private void attempt(Outbox.Claimed row) {
    try {
      Outcome outcome = deliver(row);
      record(row, outcome);
    } catch (RuntimeException e) {
      LOG.warn("delivery {} failed unexpectedly", row.deliveryId(), e);
      record(row, Outcome.retry("internal error: " + e));
    } finally {
      inFlight.decrementAndGet();
      if (backlog) {
        wake();
      }
    }
  }

  private Outcome deliver(Outbox.Claimed row) {
    Optional<BroadcastRecord> broadcast = broadcasts.find(row.broadcastId());
    if (broadcast.isEmpty()) {
      return Outcome.failed("the broadcast no longer exists");
    }
    for (Channel c : channels) {
      if (c.handles(row)) {
        return c.deliver(row, broadcast.get());
      }
    }
    return Outcome.failed("no channel delivers this row");
  }

  private void record(Outbox.Claimed row, Outcome outcome) {
    Instant now = clock.instant();
    try {
      switch (outcome.kind()) {
        case DELIVERED -> outbox.delivered(row.id(), now);
        case FAILED, GONE -> {
          LOG.info("delivery {} given up: {}", row.deliveryId(), outcome.detail());
          outbox.dead(row.id(), now, outcome.detail());
        }
        case RETRY -> {
          if (row.attempt() >= config.maxAttempts()) {
            LOG.info(
                "delivery {} dead after {} attempts: {}",
                row.deliveryId(),
                row.attempt(),
                outcome.detail());
            outbox.dead(row.id(), now, outcome.detail());
          } else {
            Duration wait = backoff.next(row.attempt());
            outbox.retryAt(row.id(), now.plus(wait), outcome.detail());
            var unused = poller.schedule(this::poll, wait.toMillis(), TimeUnit.MILLISECONDS);
          }
        }
      }
    } catch (RejectedExecutionException e) {
      // Closing: the retry time is stored; the next start picks the row up.
    } catch (RuntimeException e) {
      LOG.warn("could not record the outcome of delivery {}", row.deliveryId(), e);
    }
  }

  /** Stops polling and waits briefly for attempts under way; unfinished rows stay queued. */
  @Override
  public void close() {
    poller.shutdownNow();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
