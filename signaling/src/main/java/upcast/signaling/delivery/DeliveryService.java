package upcast.signaling.delivery;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.signaling.delivery.push.PushSender;
import upcast.signaling.delivery.push.PushSubscriptionStore;
import upcast.signaling.delivery.push.PushSubscriptions;
import upcast.signaling.delivery.push.Vapid;
import upcast.signaling.delivery.push.VapidKeyStore;
import upcast.signaling.delivery.push.WebPushEncryption;
import upcast.signaling.delivery.webhook.WebhookSender;
import upcast.signaling.delivery.webhook.WebhookStore;
import upcast.signaling.delivery.webhook.Webhooks;
import upcast.signaling.live.GoLiveListener;
import upcast.signaling.store.BroadcastRecord;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.Database;

/**
 * Go-live notifications outside the site: Web Push to followers' browsers and webhooks. On each
 * go-live it writes the outbox rows (on its own thread, never the broadcast service's) and wakes
 * the {@link DeliveryWorker}; it also owns the registries the REST API uses.
 */
public final class DeliveryService implements GoLiveListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);

  private final Outbox outbox;
  private final DeliveryWorker worker;
  private final Vapid vapid;
  private final PushSubscriptions push;
  private final Webhooks webhooks;
  private final Clock clock;
  private final ThreadPoolExecutor enqueuer =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(1000),
          r -> {
            Thread t = new Thread(r, "upcast-delivery-enqueue");
            t.setDaemon(true);
            return t;
          });

  private DeliveryService(
      Outbox outbox,
      DeliveryWorker worker,
      Vapid vapid,
      PushSubscriptions push,
      Webhooks webhooks,
      Clock clock) {
    this.outbox = outbox;
    this.worker = worker;
    this.vapid = vapid;
    this.push = push;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** Loads (or creates) the VAPID key, resumes unfinished deliveries and starts the worker. */
  public static DeliveryService start(Database database, DeliveryConfig config, Clock clock) {
    DataSource db = database.dataSource();
    SecureRandom random = new SecureRandom();
    Vapid vapid = new Vapid(new VapidKeyStore(db).loadOrCreate(random), config.vapidSubject());
    TargetGuard guard = new TargetGuard(config.allowPrivateTargets());
    HttpPoster http = new HttpPoster();
    PushSubscriptionStore subscriptions = new PushSubscriptionStore(db);
    WebhookStore webhookStore = new WebhookStore(db);
    Outbox outbox = new Outbox(db);
    List<Channel> channels =
        List.of(
            new PushSender(subscriptions, new WebPushEncryption(random), vapid, guard, http, clock),
            new WebhookSender(webhookStore, guard, http, clock));
    DeliveryWorker worker =
        new DeliveryWorker(outbox, new BroadcastStore(database), channels, config, clock);
    worker.start();
    return new DeliveryService(
        outbox,
        worker,
        vapid,
        new PushSubscriptions(subscriptions, guard, clock),
        new Webhooks(webhookStore, guard, clock),
        clock);
  }

  @Override
  public void onGoLive(BroadcastRecord broadcast) {
    try {
      enqueuer.execute(() -> enqueue(broadcast));
    } catch (RejectedExecutionException e) {
      LOG.warn("notification queue full or closed: no notifications for {}", broadcast.id());
    }
  }

  private void enqueue(BroadcastRecord broadcast) {
    try {
      int n = outbox.enqueue(broadcast.id(), broadcast.userId(), clock.instant());
      if (n > 0) {
        LOG.info("broadcast {}: {} notification(s) queued", broadcast.id(), n);
        worker.wake();
      }
    } catch (RuntimeException e) {
      LOG.warn("could not queue notifications for {}", broadcast.id(), e);
    }
  }

  /** The VAPID application server key (base64url uncompressed point). */
  public String vapidPublicKey() {
    return vapid.publicKey();
  }

  public PushSubscriptions push() {
    return push;
  }

  public Webhooks webhooks() {
    return webhooks;
  }

  /** Stops taking go-lives, lets queued enqueues finish briefly, then stops the worker. */
  @Override
  public void close() {
    enqueuer.shutdown();
    try {
      enqueuer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.close();
  }
}
