package upcast.sfu.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import upcast.sfu.api.SfuConfig;
import upcast.sfu.dtls.DtlsCertificate;
import upcast.sfu.ice.IceLite;
import upcast.sfu.metrics.Metrics;

/**
 * Owns the one UDP port every peer shares: demultiplexes datagrams (RFC 7983), hands STUN to the
 * ICE-lite responder ({@link IceLite}: connectivity checks, RFC 8445 §2.5, and consent, RFC 7675),
 * and DTLS and SRTP to the peer they belong to.
 *
 * <p>Peers are found by our ICE ufrag (STUN USERNAME) until a check selects their address, then by
 * address. Nothing is created for an unauthenticated packet.
 */
public final class TransportManager implements AutoCloseable {
  /**
   * System property (milliseconds) overriding the 30 s consent timeout of RFC 7675 §5.1, read at
   * {@link #start}; tests shorten it.
   */
  public static final String CONSENT_TIMEOUT_PROPERTY = "upcast.consentTimeoutMs";

  /**
   * DTLS handshakes run at once; more wait in a bounded queue, beyond it they fail. Bouncy Castle's
   * DTLS API blocks a thread for the whole handshake, almost all of it waiting for the peer's next
   * flight (the CPU part, ECDHE and ECDSA, is ~2 ms). With few threads a join storm queues behind
   * peers' round trips (8 threads: 300 joins took 1.5 s of queueing), and a few silent clients
   * could hold every thread until {@link PeerTransport#HANDSHAKE_TIMEOUT}. Threads exist only while
   * handshakes run (core threads time out) and have small stacks.
   */
  private static final int HANDSHAKE_THREADS = 64;

  private static final int HANDSHAKE_QUEUE = 1024;

  private static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final SfuConfig config;
  private final EventLoop loop;
  private final DtlsCertificate certificate = DtlsCertificate.generate();
  private final ExecutorService handshakePool;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, PeerTransport> byUfrag = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, PeerTransport> byAddress = new HashMap<>();
  private final Counters counters;
  private final IceLite ice;
  private final List<InetSocketAddress> candidates;

  /** The counters this layer keeps, looked up once. */
  static final class Counters {
    final LongAdder packetsIn;
    final LongAdder bytesIn;
    final LongAdder packetsOut;
    final LongAdder bytesOut;
    final LongAdder droppedJunk;
    final LongAdder droppedUnknownAddress;
    final LongAdder droppedSrtp;
    final LongAdder srtpNoKeys;
    final LongAdder droppedSendFull;
    final LongAdder handshakesOk;
    final LongAdder handshakeTimeout;
    final LongAdder handshakeOverloaded;
    final LongAdder handshakeFingerprint;
    final LongAdder handshakeError;
    final LongAdder dtlsAppDataDropped;
    final LongAdder dtlsQueueFull;
    final IceLite.Counters ice;

    Counters(Metrics m) {
      packetsIn = m.counter("transport_packets_received");
      bytesIn = m.counter("transport_bytes_received");
      packetsOut = m.counter("transport_packets_sent");
      bytesOut = m.counter("transport_bytes_sent");
      droppedJunk = m.counter("transport_packets_dropped", "junk");
      droppedUnknownAddress = m.counter("transport_packets_dropped", "unknown_address");
      droppedSendFull = m.counter("transport_packets_dropped", "send_queue_full");
      ice =
          new IceLite.Counters(
              m.counter("ice_checks_answered"),
              m.counter("ice_packets_dropped", "unauthenticated"),
              m.counter("ice_consent_expired"),
              droppedJunk);
      handshakesOk = m.counter("dtls_handshakes_completed");
      handshakeTimeout = m.counter("dtls_handshakes_failed", "timeout");
      handshakeOverloaded = m.counter("dtls_handshakes_failed", "overloaded");
      handshakeFingerprint = m.counter("dtls_handshakes_failed", "fingerprint_mismatch");
      handshakeError = m.counter("dtls_handshakes_failed", "error");
      dtlsQueueFull = m.counter("dtls_records_dropped", "queue_full");
      dtlsAppDataDropped = m.counter("dtls_records_dropped", "unread");
      srtpNoKeys = m.counter("srtp_packets_dropped", "no_keys");
      droppedSrtp = m.counter("srtp_packets_dropped", "auth_failed");
    }

    /** The {@code dtls_handshakes_failed} series for a {@code "dtls failed: …"} close reason. */
    LongAdder handshakeFailed(String closeReason) {
      if (closeReason.endsWith("handshake timeout")) {
        return handshakeTimeout;
      }
      if (closeReason.endsWith("too many handshakes in progress")) {
        return handshakeOverloaded;
      }
      return closeReason.endsWith("fingerprint mismatch") ? handshakeFingerprint : handshakeError;
    }
  }

  private TransportManager(SfuConfig config, Metrics metrics) throws IOException {
    this.config = config;
    this.counters = new Counters(metrics);
    this.ice =
        new IceLite(
            new IceHost(),
            counters.ice,
            config.clock()::millis,
            Long.getLong(CONSENT_TIMEOUT_PROPERTY, 30_000L));
    this.loop =
        new EventLoop(
            this::onDatagram,
            counters.droppedSendFull,
            metrics.histogram("send_latency"),
            metrics.histogram("loop_lag"));
    loop.bind(new InetSocketAddress(config.bindAddress(), config.mediaPort()), 4 << 20);
    this.candidates = hostCandidates(config, port());
    this.handshakePool =
        new ThreadPoolExecutor(
            HANDSHAKE_THREADS,
            HANDSHAKE_THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(HANDSHAKE_QUEUE),
            r -> {
              Thread t = new Thread(null, r, "upcast-dtls-handshake", 256 << 10);
              t.setDaemon(true);
              return t;
            });
    ((ThreadPoolExecutor) handshakePool).allowCoreThreadTimeOut(true);
    metrics.gauge("transports", byUfrag::size);
    loop.schedule(this::checkConsent, Duration.ofSeconds(1));
  }

  /** Binds the media port and starts the media loop. */
  public static TransportManager start(SfuConfig config, Metrics metrics) {
    try {
      return new TransportManager(config, metrics);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind UDP " + config.bindAddress().getHostAddress() + ":" + config.mediaPort(), e);
    }
  }

  /** Creates a peer's transport from its offer; callable from any thread. */
  public Transport create(RemoteParameters remote, MediaSink sink) {
    while (true) {
      String ufrag = randomIceString(8);
      PeerTransport t =
          new PeerTransport(
              this, ufrag, randomIceString(24), remote, sink, config.clock().millis());
      if (byUfrag.putIfAbsent(ufrag, t) == null) {
        return t;
      }
    }
  }

  public String fingerprintAlgorithm() {
    return "sha-256";
  }

  public String fingerprint() {
    return certificate.fingerprint();
  }

  /** Host candidates for SDP answers: the advertised addresses with the bound port. */
  public List<InetSocketAddress> candidates() {
    return candidates;
  }

  public MediaLoop loop() {
    return loop;
  }

  public int port() {
    return loop.port();
  }

  DtlsCertificate certificate() {
    return certificate;
  }

  ExecutorService handshakePool() {
    return handshakePool;
  }

  Counters counters() {
    return counters;
  }

  /** The demultiplexer (RFC 7983 §7): decide by the first byte, then by ufrag or address. */
  private void onDatagram(byte[] buf, int off, int len, InetSocketAddress from) {
    counters.packetsIn.increment();
    counters.bytesIn.add(len);
    if (len < 1) {
      counters.droppedJunk.increment();
      return;
    }
    int first = buf[off] & 0xff;
    if (first <= 3) {
      ice.onStun(buf, off, len, from);
    } else if (first >= 20 && first <= 63) {
      PeerTransport t = byAddress.get(from);
      if (t == null) {
        counters.droppedUnknownAddress.increment();
      } else {
        t.onDtls(buf, off, len);
      }
    } else if (first >= 128 && first <= 191 && len >= 8) {
      PeerTransport t = byAddress.get(from);
      if (t == null) {
        counters.droppedUnknownAddress.increment();
        return;
      }
      int pt = buf[off + 1] & 0x7f;
      if (pt >= 64 && pt <= 95) {
        t.onSrtcp(buf, off, len); // RFC 5761 §4: RTCP packet types 192–223 (marker bit masked)
      } else if (len >= 12) {
        t.onSrtp(buf, off, len);
      } else {
        counters.droppedJunk.increment();
      }
    } else {
      counters.droppedJunk.increment();
    }
  }

  /** What {@link IceLite} sees of this layer: the ufrag index and the socket. */
  private final class IceHost implements IceLite.Host {
    @Override
    public @Nullable PeerTransport peer(String localUfrag) {
      return byUfrag.get(localUfrag);
    }

    @Override
    public void send(byte[] datagram, InetSocketAddress to) {
      TransportManager.this.send(datagram, 0, datagram.length, to);
    }
  }

  /** Moves a peer's address binding when ICE selects a new one (loop thread). */
  void select(PeerTransport t, @Nullable InetSocketAddress old, InetSocketAddress now) {
    if (old != null) {
      byAddress.remove(old, t);
    }
    PeerTransport previous = byAddress.put(now, t);
    if (previous != null && previous != t) {
      // The address moved to a new session (e.g. a page reload reusing a port): the old one is
      // gone.
      previous.close("replaced by a new session from the same address");
      byAddress.put(now, t);
    }
  }

  /** Removes a closed peer from both indexes (loop thread). */
  void forget(PeerTransport t) {
    byUfrag.remove(t.localUfrag(), t);
    if (t.selected() != null) {
      byAddress.remove(t.selected(), t);
    }
  }

  /**
   * Queues one datagram on the loop thread; it leaves with the loop's next batched flush.
   *
   * @return false if dropped (no address yet, or the send queue is over its bound)
   */
  boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
    if (to == null || !loop.send(buf, off, len, to)) {
      return false;
    }
    counters.packetsOut.increment();
    counters.bytesOut.add(len);
    return true;
  }

  /** Sends from another thread (DTLS handshakes). */
  void sendFromAnyThread(byte[] buf, int off, int len, InetSocketAddress to) {
    if (to == null) {
      return;
    }
    loop.sendFromAnyThread(buf, off, len, to);
    counters.packetsOut.increment();
    counters.bytesOut.add(len);
  }

  /** RFC 7675, once a second: frees peers whose consent expired, or that never began. */
  private void checkConsent() {
    ice.checkConsent(List.copyOf(byUfrag.values()));
    loop.schedule(this::checkConsent, Duration.ofSeconds(1));
  }

  private String randomIceString(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
    }
    return sb.toString();
  }

  /**
   * The advertised addresses; else the bound address when it is a specific one; else this host's
   * non-loopback, non-link-local addresses (IPv4 first); else loopback. All with the bound port.
   */
  private static List<InetSocketAddress> hostCandidates(SfuConfig config, int port) {
    List<InetAddress> addresses = new ArrayList<>(config.advertisedAddresses());
    if (addresses.isEmpty() && !config.bindAddress().isAnyLocalAddress()) {
      addresses.add(config.bindAddress());
    }
    if (addresses.isEmpty()) {
      try {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          if (!nif.isUp() || nif.isLoopback()) {
            continue;
          }
          for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            // An IPv4 socket cannot answer on IPv6 addresses, so those only count when bound to v6.
            boolean reachable =
                a instanceof Inet4Address || !(config.bindAddress() instanceof Inet4Address);
            if (reachable && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
              addresses.add(a);
            }
          }
        }
        // IPv4 first: the first candidate is the one most clients try first.
        addresses.sort(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
      } catch (SocketException e) {
        // Fall back to loopback below.
      }
    }
    if (addresses.isEmpty()) {
      addresses.add(InetAddress.getLoopbackAddress());
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (InetAddress a : addresses) {
      out.add(new InetSocketAddress(a, port));
    }
    return List.copyOf(out);
  }

  @Override
  public void close() {
    CountDownLatch closedAll = new CountDownLatch(1);
    loop.execute(
        () -> {
          for (PeerTransport t : List.copyOf(byUfrag.values())) {
            t.close("server shutting down");
          }
          closedAll.countDown();
        });
    try {
      closedAll.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loop.close();
    handshakePool.shutdownNow();
  }
}
