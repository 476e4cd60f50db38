package upcast.signaling.chat;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import upcast.sfu.api.PeerListener;
import upcast.sfu.api.PeerSession;
import upcast.signaling.store.User;

/**
 * One peer's part in a broadcast's chat: who it is, and the SFU listener that hands its {@code
 * chat} channel events to the chat thread. Every event still reaches the caller's own listener.
 */
final class ChatMember implements PeerListener {
  static final String LABEL = "chat";

  private final ChatService service;
  private final String broadcastId;
  private final @Nullable User user;
  private final boolean broadcaster;
  private final PeerListener inner;
  private volatile @Nullable PeerSession session;

  /** Frames of this member waiting on the chat thread (ChatService bounds it). */
  final AtomicInteger queuedFrames = new AtomicInteger();

  // Chat thread only.
  long lastRateLimitErrorNanos = Long.MIN_VALUE / 2;
  boolean left;

  ChatMember(
      ChatService service,
      String broadcastId,
      @Nullable User user,
      boolean broadcaster,
      PeerListener inner) {
    this.service = service;
    this.broadcastId = broadcastId;
    this.user = user;
    this.broadcaster = broadcaster;
    this.inner = inner;
  }

  String broadcastId() {
    return broadcastId;
  }

  /** The signed-in user, or null: an anonymous member may only receive. */
  @Nullable User user() {
    return user;
  }

  boolean broadcaster() {
    return broadcaster;
  }

  /** The SFU accepted the peer; returns the session its owner keeps. */
  PeerSession bind(PeerSession s) {
    this.session = s;
    return new Session(s);
  }

  /** Queues a text frame to this member's chat channel(s); any thread. */
  void send(String frame) {
    PeerSession s = session;
    if (s != null) {
      s.sendText(LABEL, frame);
    }
  }

  @Override
  public void onConnected() {
    inner.onConnected();
  }

  @Override
  public void onClosed(String reason) {
    inner.onClosed(reason);
    service.submit(() -> service.leave(this));
  }

  @Override
  public void onDataChannelOpen(String label) {
    inner.onDataChannelOpen(label);
    if (label.equals(LABEL)) {
      service.submit(() -> service.join(this));
    }
  }

  @Override
  public void onDataChannelText(String label, String text) {
    inner.onDataChannelText(label, text);
    if (label.equals(LABEL)) {
      // Refuse oversized frames here so they never sit in the chat queue.
      String frame = ChatCodec.tooLarge(text) ? null : text;
      service.submitFrame(this, frame);
    }
  }

  /** The session as its owner sees it: closing it also leaves the chat. */
  private final class Session implements PeerSession {
    private final PeerSession delegate;

    Session(PeerSession delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public String broadcastId() {
      return delegate.broadcastId();
    }

    @Override
    public String answerSdp() {
      return delegate.answerSdp();
    }

    @Override
    public void sendText(String label, String text) {
      delegate.sendText(label, text);
    }

    @Override
    public void close() {
      delegate.close();
      service.submit(() -> service.leave(ChatMember.this));
    }
  }
}
