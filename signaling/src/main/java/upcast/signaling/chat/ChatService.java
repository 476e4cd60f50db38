package upcast.signaling.chat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import upcast.sfu.api.BroadcastStateException;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.sfu.api.SdpException;
import upcast.sfu.api.SfuStats;
import upcast.signaling.domain.DomainException;
import upcast.signaling.domain.DomainException.Busy;
import upcast.signaling.domain.DomainException.InvalidInput;
import upcast.signaling.domain.DomainException.NotFound;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.live.LiveListener;
import upcast.signaling.live.PeerHook;
import upcast.signaling.store.BroadcastRecord;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.Comment;
import upcast.signaling.store.CommentStore;
import upcast.signaling.store.FollowStore;
import upcast.signaling.store.User;
import upcast.signaling.store.UserStore;

/**
 * Live comments, hearts and viewer counts on every peer's {@code chat} data channel
 * (docs/protocol.md "Chat"). The SFU calls in on its media loop; all chat state lives on one thread
 * of ours, fed by a bounded queue that drops and counts when full, so a flood of messages can
 * neither stall media nor grow memory. Heart totals go out at most four times a second.
 */
public final class ChatService implements PeerHook, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
  private static final int MAX_QUEUED = 10_000;

  /**
   * Frames one member may have waiting: a peer flooding its channel loses its own frames instead of
   * filling the shared queue and making everyone else's comments drop.
   */
  static final int MAX_QUEUED_PER_MEMBER = 64;

  private static final long HEARTS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final long REST_WAIT_SECONDS = 5;

  /** An end waits less: shutdown ends every live broadcast in turn. */
  private static final long END_WAIT_SECONDS = 2;

  private final BroadcastService broadcastService;
  private final Context ctx;
  private final ScheduledThreadPoolExecutor thread;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final Map<String, ChatRoom> rooms = new HashMap<>(); // chat thread only
  private boolean heartsFlushScheduled; // chat thread only
  private long lastHeartsFlushNanos; // chat thread only

  public ChatService(
      BroadcastService broadcastService,
      BroadcastStore broadcasts,
      CommentStore comments,
      FollowStore follows,
      UserStore users,
      Clock clock) {
    this.broadcastService = broadcastService;
    this.ctx = new Context(broadcasts, comments, follows, users, clock, new ChatCodec());
    this.lastHeartsFlushNanos = ctx.nanos() - HEARTS_EVERY_NANOS;
    this.thread =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "upcast-chat");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public PeerSession attach(
      BroadcastRecord broadcast,
      @Nullable User user,
      boolean broadcaster,
      PeerListener inner,
      Opener opener)
      throws SdpException, BroadcastStateException {
    ChatMember m = new ChatMember(this, broadcast.id(), user, broadcaster, inner);
    return m.bind(opener.open(m));
  }

  /**
   * Tells the members the broadcast ended and stores its last heart total, before the SFU closes
   * their peers (after that nothing reaches them). Waits for the chat thread, so everything queued
   * before the end still goes out first.
   */
  @Override
  public void beforeEnd(String broadcastId) {
    try {
      call(
          END_WAIT_SECONDS,
          () -> {
            ChatRoom room = rooms.get(broadcastId);
            if (room != null) {
              end(broadcastId, room);
            }
            return null;
          });
    } catch (DomainException e) {
      LOG.warn("chat of {} too busy to say it ended ({})", broadcastId, e.getMessage());
    }
  }

  /**
   * The visible comments of a broadcast after comment {@code afterId}, oldest first (the REST API's
   * page).
   */
  public List<Comment> comments(String broadcastId, long afterId, int limit) {
    return ctx.comments().page(broadcastId, afterId, limit);
  }

  /** A comment for the REST API: the same fields as on the channel. */
  public CommentView commentView(Comment c) {
    return CommentView.of(c);
  }

  /**
   * Blocks {@code handle} from a broadcast (the broadcaster's REST call; the channel's {@code
   * block} does the same).
   *
   * @return the ids of the comments removed
   */
  public List<Long> block(BroadcastRecord broadcast, String handle) throws DomainException {
    return call(REST_WAIT_SECONDS, () -> roomOrDetached(broadcast).block(handle));
  }

  /** Sets who may comment and tells every member. */
  public void setComments(BroadcastRecord broadcast, CommentsSetting setting)
      throws DomainException {
    call(
        REST_WAIT_SECONDS,
        () -> {
          roomOrDetached(broadcast).settings(setting);
          return null;
        });
  }

  /** Who watches a live broadcast with the chat open (for the studio's viewer list). */
  public ChatRoom.Audience audience(String broadcastId) throws DomainException {
    return call(
        REST_WAIT_SECONDS,
        () -> {
          ChatRoom room = rooms.get(broadcastId);
          return room == null ? new ChatRoom.Audience(List.of(), 0) : room.audience();
        });
  }

  /** Counters for {@code /metrics}, keyed like {@link SfuStats#counters()}. */
  public Map<String, Long> counters() {
    Map<String, Long> m = new TreeMap<>();
    m.put("chat_comments_posted", ctx.commentCount.sum());
    m.put(SfuStats.key("chat_frames_dropped", "queue_full"), dropped.get());
    ctx.errors.forEach((code, n) -> m.put(SfuStats.key("chat_messages_rejected", code), n.sum()));
    return m;
  }

  // ---- chat thread ----

  void join(ChatMember m) {
    ChatRoom room = room(m.broadcastId());
    if (room == null) {
      m.send(ctx.codec().write(new ServerMessage.Ended()));
    } else {
      room.join(m);
    }
  }

  void leave(ChatMember m) {
    ChatRoom room = rooms.get(m.broadcastId());
    if (room != null) {
      room.leave(m);
    } else {
      m.left = true;
    }
  }

  void receive(ChatMember m, @Nullable String frame) {
    ChatRoom room = rooms.get(m.broadcastId());
    if (room != null) {
      room.receive(m, frame);
      if (room.heartsPending()) {
        flushHeartsSoon();
      }
    }
  }

  /**
   * Sends the changed heart totals now, or when {@link #HEARTS_EVERY_NANOS} have passed since the
   * last time: at most four totals a second per room however fast people tap. A one-shot timer,
   * armed only while hearts wait, so a server nobody taps on never wakes for them.
   */
  private void flushHeartsSoon() {
    if (heartsFlushScheduled) {
      return;
    }
    long wait = lastHeartsFlushNanos + HEARTS_EVERY_NANOS - ctx.nanos();
    if (wait <= 0) {
      flushHearts();
      return;
    }
    heartsFlushScheduled = true;
    try {
      var unused = // a one-shot timer; guarded handles its failures, nothing waits for it
          thread.schedule(() -> guarded(this::flushHearts), wait, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      heartsFlushScheduled = false; // shutting down; end() stores the totals
    }
  }

  private void flushHearts() {
    heartsFlushScheduled = false;
    lastHeartsFlushNanos = ctx.nanos();
    rooms.values().forEach(ChatRoom::flushHearts);
  }

  /** The live broadcast's room, created on first use; null once the broadcast has ended. */
  private @Nullable ChatRoom room(String broadcastId) {
    ChatRoom room = rooms.get(broadcastId);
    if (room != null) {
      return room;
    }
    BroadcastRecord b = ctx.broadcasts().find(broadcastId).orElse(null);
    if (b == null || !b.live()) {
      return null;
    }
    ChatRoom created = new ChatRoom(b, ctx);
    // The count now, so the member whose join made the room gets the right one in its greeting
    // (the subscription's first push lands on the queue behind that join).
    created.viewers(broadcastService.view(b).viewers());
    rooms.put(broadcastId, created);
    broadcastService.subscribe(
        broadcastId,
        new LiveListener() {
          @Override
          public void onViewers(String id, int count) {
            submit(() -> created.viewers(count));
          }

          @Override
          public void onEnded(String id) {
            submit(() -> end(id, created));
          }
        });
    return created;
  }

  /** For REST calls: the live room, or a room outside the registry for an ended broadcast. */
  private ChatRoom roomOrDetached(BroadcastRecord broadcast) {
    ChatRoom live = room(broadcast.id());
    return live != null ? live : new ChatRoom(broadcast, ctx);
  }

  private void end(String broadcastId, ChatRoom room) {
    if (rooms.remove(broadcastId, room)) {
      room.end();
    }
  }

  // ---- threading ----

  /** Queues a member's text frame (null: too large) unless that member already has too many. */
  void submitFrame(ChatMember m, @Nullable String frame) {
    if (m.queuedFrames.incrementAndGet() > MAX_QUEUED_PER_MEMBER) {
      m.queuedFrames.decrementAndGet();
      countDrop();
      return;
    }
    boolean queuedNow =
        submit(
            () -> {
              m.queuedFrames.decrementAndGet();
              receive(m, frame);
            });
    if (!queuedNow) {
      m.queuedFrames.decrementAndGet();
    }
  }

  /**
   * Runs {@code task} on the chat thread; drops and counts it when the queue is full.
   *
   * @return whether it was queued
   */
  boolean submit(Runnable task) {
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      countDrop();
      return false;
    }
    try {
      thread.execute(
          () -> {
            queued.decrementAndGet();
            guarded(task);
          });
      return true;
    } catch (RejectedExecutionException e) {
      queued.decrementAndGet(); // shutting down
      return false;
    }
  }

  private void countDrop() {
    if (dropped.incrementAndGet() % 1000 == 1) {
      LOG.warn(
          "chat busy: {} frame(s) dropped so far (a flooding peer or a full queue)", dropped.get());
    }
  }

  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("chat task failed", e);
    }
  }

  /** Runs {@code work} on the chat thread and waits for it (REST calls, ends). */
  private <T> T call(long waitSeconds, Callable<T> work) throws DomainException {
    FutureTask<T> f = new FutureTask<>(work);
    try {
      thread.execute(f);
      return f.get(waitSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ChatError c) {
        throw refusal(c);
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException | RejectedExecutionException e) {
      throw new Busy("The chat is busy; try again.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Busy("Interrupted.");
    }
  }

  /** A channel error met by a REST call: naming a user nobody has is not found, else bad input. */
  private static DomainException refusal(ChatError c) {
    return c.code().equals("unknown_user")
        ? new NotFound(c.code(), c.getMessage())
        : new InvalidInput(c.code(), c.getMessage());
  }

  /** Finishes what is queued (the ends of broadcasts store their heart totals), then stops. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(3, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** What rooms share: stores, clock, the message codec and counters. */
  static final class Context {
    private final BroadcastStore broadcasts;
    private final CommentStore commentStore;
    private final FollowStore follows;
    private final UserStore users;
    private final Clock clock;
    private final ChatCodec codec;
    private final LongAdder commentCount = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    Context(
        BroadcastStore broadcasts,
        CommentStore commentStore,
        FollowStore follows,
        UserStore users,
        Clock clock,
        ChatCodec codec) {
      this.broadcasts = broadcasts;
      this.commentStore = commentStore;
      this.follows = follows;
      this.users = users;
      this.clock = clock;
      this.codec = codec;
    }

    BroadcastStore broadcasts() {
      return broadcasts;
    }

    CommentStore comments() {
      return commentStore;
    }

    FollowStore follows() {
      return follows;
    }

    UserStore users() {
      return users;
    }

    Clock clock() {
      return clock;
    }

    ChatCodec codec() {
      return codec;
    }

    long nanos() {
      return System.nanoTime();
    }

    void countComment() {
      commentCount.increment();
    }

    void countError(String code) {
      errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }
  }
}
