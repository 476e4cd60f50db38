package upcast.signaling.chat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import upcast.signaling.store.BroadcastRecord;
import upcast.signaling.store.Comment;
import upcast.signaling.store.User;

/**
 * The chat of one live broadcast: its members, heart total, comment setting, blocks and the
 * scroll-back of recent comments. Confined to the chat thread, so it needs no locks.
 */
public final class ChatRoom {
  /** Comments a joining member gets as scroll-back. */
  static final int BACKLOG = 50;

  static final int MAX_COMMENT_CODE_POINTS = 280;
  private static final long RATE_ERROR_EVERY_NANOS = 1_000_000_000L;

  private final BroadcastRecord broadcast;
  private final ChatService.Context ctx;
  private final Set<ChatMember> members = new LinkedHashSet<>();
  private final Set<Long> blocked;
  private final ArrayDeque<Comment> recent;
  private final Map<Long, TokenBucket> commentBuckets = new HashMap<>();
  private final Map<Long, TokenBucket> heartBuckets = new HashMap<>();
  private CommentsSetting setting;
  private long hearts;
  private boolean heartsChanged;
  private int viewers;

  ChatRoom(BroadcastRecord broadcast, ChatService.Context ctx) {
    this.broadcast = broadcast;
    this.ctx = ctx;
    this.setting = CommentsSetting.parse(broadcast.comments()).orElse(CommentsSetting.EVERYONE);
    this.hearts = broadcast.hearts();
    this.blocked = ctx.comments().blocked(broadcast.id());
    this.recent = new ArrayDeque<>(ctx.comments().latest(broadcast.id(), BACKLOG));
  }

  String broadcastId() {
    return broadcast.id();
  }

  /** A member's chat channel opened: it gets hello, counts and the scroll-back. */
  void join(ChatMember m) {
    if (m.left || !members.add(m)) {
      return; // gone already, or a second chat channel of the same peer (it hears everything)
    }
    User u = m.user();
    String you = u == null ? null : u.handle();
    send(m, ServerMessage.Hello.of(you, m.broadcaster(), setting, canComment(m)));
    send(m, new ServerMessage.Viewers(viewers));
    send(m, new ServerMessage.Hearts(hearts));
    for (Comment c : recent) {
      send(m, new ServerMessage.Comment(CommentView.of(c)));
    }
  }

  /** Signed-in viewers with the chat open (each once), and how many watch anonymously. */
  Audience audience() {
    java.util.LinkedHashMap<Long, User> signedIn = new java.util.LinkedHashMap<>();
    int anonymous = 0;
    for (ChatMember m : members) {
      if (m.broadcaster()) {
        continue;
      }
      if (m.user() == null) {
        anonymous++;
      } else {
        signedIn.putIfAbsent(m.user().id(), m.user());
      }
    }
    return new Audience(List.copyOf(signedIn.values()), anonymous);
  }

  /** Who is in a broadcast's chat right now. */
  public record Audience(List<User> signedIn, int anonymous) {}

  void leave(ChatMember m) {
    m.left = true;
    members.remove(m);
  }

  /** A text frame from a member; null stands for one too large to keep. */
  void receive(ChatMember m, @Nullable String frame) {
    try {
      if (frame == null) {
        throw ChatError.badMessage("Messages are at most 4 KiB.");
      }
      ClientMessage msg = ctx.codec().read(frame);
      if (msg instanceof ClientMessage.Comment c) {
        comment(m, c.text());
      } else if (msg instanceof ClientMessage.Heart h) {
        heart(m, h.count());
      } else if (msg instanceof ClientMessage.Block b) {
        requireBroadcaster(m, "block viewers");
        block(b.handle());
      } else if (msg instanceof ClientMessage.Settings s) {
        requireBroadcaster(m, "change who may comment");
        settings(s.comments());
      }
    } catch (ChatError e) {
      ctx.countError(e.code());
      send(m, new ServerMessage.Error(e.code(), e.getMessage()));
    }
  }

  private void comment(ChatMember m, String raw) throws ChatError {
    User u = requireSignedIn(m, "comment");
    requireNotBlocked(u);
    if (!isOwner(u)) {
      if (setting == CommentsSetting.OFF) {
        throw new ChatError("comments_off", "The broadcaster turned comments off.");
      }
      if (setting == CommentsSetting.FOLLOWERS
          && !ctx.follows().isFollowing(u.id(), broadcast.userId())) {
        throw new ChatError(
            "followers_only", "Only followers of @" + broadcast.handle() + " may comment.");
      }
    }
    String text = clean(raw);
    if (text.isEmpty()) {
      throw new ChatError("empty", "Write something first.");
    }
    if (text.codePointCount(0, text.length()) > MAX_COMMENT_CODE_POINTS) {
      throw new ChatError("too_long", "A comment is at most 280 characters.");
    }
    long now = ctx.nanos();
    if (!commentBuckets.computeIfAbsent(u.id(), k -> new TokenBucket(3, 1.0, now)).tryTake(now)) {
      throw new ChatError("rate_limited", "Slow down: one comment per second.");
    }
    Instant at = ctx.clock().instant();
    long offset = Math.max(0, at.toEpochMilli() - broadcast.startedAt().toEpochMilli());
    Comment stored = ctx.comments().add(broadcast.id(), u, text, at, offset);
    recent.addLast(stored);
    if (recent.size() > BACKLOG) {
      recent.removeFirst();
    }
    ctx.countComment();
    broadcast(new ServerMessage.Comment(CommentView.of(stored)));
  }

  private void heart(ChatMember m, int count) throws ChatError {
    User u = requireSignedIn(m, "send hearts");
    requireNotBlocked(u);
    long now = ctx.nanos();
    if (!heartBuckets.computeIfAbsent(u.id(), k -> new TokenBucket(20, 20.0, now)).tryTake(now)) {
      // A finger tapping fast is not an error worth a message per tap: one per second at most.
      if (now - m.lastRateLimitErrorNanos >= RATE_ERROR_EVERY_NANOS) {
        m.lastRateLimitErrorNanos = now;
        throw new ChatError("rate_limited", "Too many hearts at once.");
      }
      return;
    }
    hearts += count;
    heartsChanged = true;
  }

  /** Blocks a user for the rest of the broadcast and removes their comments for everyone. */
  List<Long> block(String handle) throws ChatError {
    User target =
        ctx.users()
            .byHandle(handle)
            .orElseThrow(() -> new ChatError("unknown_user", "No user @" + handle + "."));
    if (target.id() == broadcast.userId()) {
      throw ChatError.badMessage("You cannot block yourself.");
    }
    List<Long> removed = ctx.comments().block(broadcast.id(), target.id(), ctx.clock().instant());
    blocked.add(target.id());
    recent.removeIf(c -> c.userId() == target.id());
    if (!removed.isEmpty()) {
      broadcast(ServerMessage.Removed.of(removed));
    }
    return removed;
  }

  void settings(CommentsSetting s) {
    ctx.broadcasts().setComments(broadcast.id(), s.wireName());
    setting = s;
    broadcast(new ServerMessage.Settings(s));
  }

  void viewers(int count) {
    if (count != viewers) {
      viewers = count;
      broadcast(new ServerMessage.Viewers(count));
    }
  }

  /** Hearts arrived since the last {@link #flushHearts}. */
  boolean heartsPending() {
    return heartsChanged;
  }

  /** Sends and stores the heart total if it changed since the last flush. */
  void flushHearts() {
    if (heartsChanged) {
      heartsChanged = false;
      ctx.broadcasts().setHearts(broadcast.id(), hearts);
      broadcast(new ServerMessage.Hearts(hearts));
    }
  }

  /** The broadcast ended: members hear it, the last hearts are stored. */
  void end() {
    flushHearts();
    broadcast(new ServerMessage.Ended());
    members.clear();
  }

  private boolean canComment(ChatMember m) {
    User u = m.user();
    if (u == null || blocked.contains(u.id())) {
      return false;
    }
    return isOwner(u)
        || setting == CommentsSetting.EVERYONE
        || (setting == CommentsSetting.FOLLOWERS
            && ctx.follows().isFollowing(u.id(), broadcast.userId()));
  }

  /**
   * The broadcast's owner may always comment, also from a viewer session (a second device); only
   * blocking and settings need the publisher session itself.
   */
  private boolean isOwner(User u) {
    return u.id() == broadcast.userId();
  }

  private void send(ChatMember m, ServerMessage message) {
    m.send(ctx.codec().write(message));
  }

  /** Encodes once for every member. */
  private void broadcast(ServerMessage message) {
    String frame = ctx.codec().write(message);
    for (ChatMember m : members) {
      m.send(frame);
    }
  }

  private static User requireSignedIn(ChatMember m, String what) throws ChatError {
    if (m.user() == null) {
      throw new ChatError("auth_required", "Sign in to " + what + ".");
    }
    return m.user();
  }

  private void requireNotBlocked(User u) throws ChatError {
    if (blocked.contains(u.id())) {
      throw new ChatError("blocked", "The broadcaster blocked you from this broadcast.");
    }
  }

  private static void requireBroadcaster(ChatMember m, String what) throws ChatError {
    if (!m.broadcaster()) {
      throw new ChatError("forbidden", "Only the broadcaster may " + what + ".");
    }
  }

  /** Trims and turns control characters (newlines, tabs…) into spaces: a comment is one line. */
  static String clean(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    raw.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
    return sb.toString().strip();
  }
}
