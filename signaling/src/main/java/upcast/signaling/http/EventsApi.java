package upcast.signaling.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.domain.AsciiDigits;
import upcast.signaling.live.Accounts;
import upcast.signaling.notify.NotificationHub;
import upcast.signaling.notify.NotificationService;
import upcast.signaling.notify.NotificationSink;
import upcast.signaling.notify.NotificationView;
import upcast.signaling.store.User;

/**
 * {@code GET /api/me/events}: go-live notifications as Server-Sent Events (WHATWG HTML §9.2), for
 * pages that have no signaling WebSocket open. Asynchronous: a stream holds no thread, only a small
 * queue; a comment line every 15 s keeps proxies and the idle timeout from closing it and finds
 * clients that left. {@code Last-Event-ID} replays unread items created after that id.
 */
final class EventsApi implements AutoCloseable {
  static final long HEARTBEAT_SECONDS = 15;

  /** Events a slow client may have queued before its stream is closed. */
  private static final int MAX_QUEUED = 100;

  private final Accounts accounts;
  private final NotificationService notifications;
  private final NotificationHub hub;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "upcast-sse-heartbeat");
            t.setDaemon(true);
            return t;
          });

  EventsApi(Accounts accounts, NotificationService notifications) {
    this.accounts = accounts;
    this.notifications = notifications;
    this.hub = notifications.hub();
    // A periodic task that throws is never run again, so no stream's failure may escape it.
    var unused =
        heartbeat.scheduleWithFixedDelay(
            () ->
                streams.forEach(
                    s -> {
                      try {
                        s.enqueue(": heartbeat\n\n");
                      } catch (RuntimeException e) {
                        s.finish(e);
                      }
                    }),
            HEARTBEAT_SECONDS,
            HEARTBEAT_SECONDS,
            TimeUnit.SECONDS);
  }

  void open(Request request, Response response, Callback callback) throws ApiException {
    // EventSource cannot send headers: the token may come in the query instead.
    String token = Http.query(request, "token");
    User me =
        token != null
            ? accounts
                .authenticate(token)
                .orElseThrow(() -> ApiException.unauthorized("The token is not valid."))
            : Http.signedIn(accounts, request);
    long lastId = 0;
    String last = request.getHeaders().get("Last-Event-ID");
    if (last != null) {
      try {
        lastId = AsciiDigits.parseLong(last.trim());
      } catch (NumberFormatException e) {
        lastId = 0;
      }
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    Stream stream = new Stream(me, response, callback);
    streams.add(stream);
    hub.register(me.id(), stream);
    stream.enqueue("retry: 3000\n: connected\n\n");
    if (last != null) {
      for (NotificationView n : notifications.missed(me, lastId)) {
        stream.send(n);
      }
    }
  }

  /** One open event stream: writes one chunk at a time, the rest waits in a bounded queue. */
  private final class Stream implements NotificationSink {
    private final User user;
    private final Response response;
    private final Callback callback;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean done;

    Stream(User user, Response response, Callback callback) {
      this.user = user;
      this.response = response;
      this.callback = callback;
    }

    @Override
    public void send(NotificationView n) {
      try {
        enqueue(
            "id: "
                + n.id()
                + "\nevent: notification\ndata: "
                + Http.JSON.writeValueAsString(n)
                + "\n\n");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    void enqueue(String chunk) {
      synchronized (this) {
        if (done) {
          return;
        }
        if (queue.size() >= MAX_QUEUED) {
          finish(new IllegalStateException("client too slow"));
          return;
        }
        queue.add(chunk);
        if (writing) {
          return;
        }
        writing = true;
      }
      writeNext();
    }

    private void writeNext() {
      String chunk;
      synchronized (this) {
        chunk = queue.poll();
        if (chunk == null || done) {
          writing = false;
          return;
        }
      }
      response.write(
          false,
          ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)),
          Callback.from(this::writeNext, this::finish));
    }

    /** The client left (a write failed) or lagged: forget the stream and end the response. */
    private void finish(Throwable cause) {
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        queue.clear();
      }
      streams.remove(this);
      hub.unregister(user.id(), this);
      callback.failed(cause);
    }

    void close() {
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
      }
      hub.unregister(user.id(), this);
      callback.succeeded();
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    streams.forEach(Stream::close);
    streams.clear();
  }
}
