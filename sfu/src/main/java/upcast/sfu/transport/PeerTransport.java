package upcast.sfu.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.DTLSTransport;
import org.jspecify.annotations.Nullable;
import upcast.sfu.dtls.DtlsSrtpKeys;
import upcast.sfu.dtls.DtlsSrtpServer;
import upcast.sfu.dtls.QueueDatagramTransport;
import upcast.sfu.ice.Consent;
import upcast.sfu.ice.IceLite;
import upcast.sfu.srtp.SrtpSession;

/**
 * One peer on the shared port: its selected address (chosen by {@link IceLite}), the DTLS
 * handshake, then SRTP in and out. All state changes happen on the media loop; only DTLS (BC's API
 * blocks) runs on the bounded handshake pool, and hands its results back to the loop.
 */
final class PeerTransport implements Transport, IceLite.Peer {
  /** How long a DTLS handshake may take once the first record arrived. */
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final TransportManager manager;
  private final String localUfrag;
  private final String localPassword;
  private final byte[] localPasswordBytes;
  private final RemoteParameters remote;
  private final MediaSink sink;
  private final Consent consent;

  /** Written on the loop; read by the handshake thread when it sends. */
  private volatile @Nullable InetSocketAddress selected;

  private @Nullable QueueDatagramTransport dtlsQueue;
  private final DtlsSrtpServer.Holder<DTLSTransport> dtls = new DtlsSrtpServer.Holder<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private @Nullable SrtpSession srtp;
  private MediaLoop.@Nullable Cancellable handshakeTimeout;
  private volatile boolean closed;

  PeerTransport(
      TransportManager manager,
      String localUfrag,
      String localPassword,
      RemoteParameters remote,
      MediaSink sink,
      long nowMillis) {
    this.manager = manager;
    this.localUfrag = localUfrag;
    this.localPassword = localPassword;
    this.localPasswordBytes = localPassword.getBytes(StandardCharsets.UTF_8);
    this.remote = remote;
    this.sink = sink;
    this.consent = new Consent(nowMillis);
  }

  @Override
  public String localUfrag() {
    return localUfrag;
  }

  @Override
  public String localPassword() {
    return localPassword;
  }

  @Override
  public byte[] passwordKey() {
    return localPasswordBytes;
  }

  @Override
  public String remoteUfrag() {
    return remote.iceUfrag();
  }

  @Override
  public Consent consent() {
    return consent;
  }

  @Override
  public @Nullable InetSocketAddress selected() {
    return selected;
  }

  @Override
  public boolean closed() {
    return closed;
  }

  /**
   * The DTLS transport once the handshake is done (null before), kept for SCTP data channels (RFC
   * 8261).
   */
  @Nullable DTLSTransport dtlsTransport() {
    return dtls.value;
  }

  @Override
  public boolean isConnected() {
    return srtp != null && !closed;
  }

  /** ICE selected {@code now} (RFC 8445 §7.3): media and DTLS go there from now on. */
  @Override
  public void select(@Nullable InetSocketAddress old, InetSocketAddress now) {
    manager.select(this, old, now);
    selected = now;
  }

  /** A DTLS record from the selected address (RFC 7983: first byte 20–63). */
  void onDtls(byte[] buf, int off, int len) {
    if (closed) {
      return;
    }
    byte[] record = new byte[len];
    System.arraycopy(buf, off, record, 0, len);
    QueueDatagramTransport queue = dtlsQueue;
    if (queue == null) {
      queue = startHandshake();
      if (closed) {
        return;
      }
    }
    if (!queue.offer(record)) {
      manager.counters().dtlsQueueFull.increment();
      return;
    }
    if (srtp != null) {
      drainAfterHandshake();
    }
  }

  private QueueDatagramTransport startHandshake() {
    QueueDatagramTransport queue =
        new QueueDatagramTransport(
            (b, o, l) -> {
              InetSocketAddress to = selected; // set: DTLS comes only from the selected address
              if (to != null) {
                manager.sendFromAnyThread(b, o, l, to);
              }
            });
    dtlsQueue = queue;
    DtlsSrtpServer server =
        new DtlsSrtpServer(
            manager.certificate(), remote.fingerprintAlgorithm(), remote.fingerprint());
    server.onAlert(this::onAlert);
    handshakeTimeout =
        manager.loop().schedule(() -> close("dtls failed: handshake timeout"), HANDSHAKE_TIMEOUT);
    try {
      manager
          .handshakePool()
          .execute(
              () -> {
                try {
                  DtlsSrtpKeys keys = server.accept(queue, dtls);
                  manager.loop().execute(() -> onHandshakeDone(keys));
                } catch (IOException | RuntimeException e) {
                  String why = server.failure() != null ? server.failure() : String.valueOf(e);
                  manager.loop().execute(() -> close("dtls failed: " + why));
                }
              });
    } catch (RejectedExecutionException e) {
      close("dtls failed: too many handshakes in progress");
    }
    return queue;
  }

  private void onHandshakeDone(DtlsSrtpKeys keys) {
    if (handshakeTimeout != null) {
      handshakeTimeout.cancel();
    }
    if (closed) {
      return;
    }
    srtp = keys.newSession();
    manager.counters().handshakesOk.increment();
    sink.onConnected(this);
    QueueDatagramTransport queue = dtlsQueue;
    if (queue != null && !queue.isEmpty()) {
      drainAfterHandshake();
    }
  }

  /**
   * Records after the handshake (alerts, a retransmitted Finished, later SCTP) go through BC's
   * record layer on the handshake pool, so the loop never blocks: alerts reach {@link #onAlert},
   * application data is counted and dropped until data channels read it.
   */
  private void drainAfterHandshake() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      manager.handshakePool().execute(this::drain);
    } catch (RejectedExecutionException e) {
      draining.set(false);
      manager.counters().dtlsQueueFull.increment();
    }
  }

  private void drain() {
    DTLSTransport transport = dtls.value;
    QueueDatagramTransport queue = dtlsQueue;
    if (transport == null || queue == null) { // not after a completed handshake
      draining.set(false);
      return;
    }
    byte[] buf = new byte[2048];
    try {
      do {
        while (!closed && !queue.isEmpty()) {
          int n = transport.receive(buf, 0, buf.length, 1);
          if (n >= 0) {
            byte[] data = java.util.Arrays.copyOf(buf, n);
            manager.loop().execute(() -> deliverApplicationData(data));
          }
        }
        draining.set(false);
      } while (!closed && !queue.isEmpty() && draining.compareAndSet(false, true));
    } catch (IOException | RuntimeException e) {
      draining.set(false);
      if (!closed) {
        manager.loop().execute(() -> close("dtls closed: " + e.getMessage()));
      }
    }
  }

  private void deliverApplicationData(byte[] data) {
    if (closed || !sink.onApplicationData(this, data)) {
      manager.counters().dtlsAppDataDropped.increment();
    }
  }

  @Override
  public boolean sendApplicationData(byte[] buf, int off, int len) {
    DTLSTransport transport = dtls.value;
    if (transport == null || srtp == null || closed) {
      return false;
    }
    try {
      transport.send(buf, off, len);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** RFC 5246 §7.2: close_notify or any fatal alert ends the association. */
  private void onAlert(short level, short description) {
    if (description == AlertDescription.close_notify) {
      manager.loop().execute(() -> close("dtls closed by peer"));
    } else if (level == AlertLevel.fatal) {
      manager
          .loop()
          .execute(() -> close("dtls closed: alert " + AlertDescription.getText(description)));
    }
  }

  /** An SRTP packet from the selected address. */
  void onSrtp(byte[] buf, int off, int len) {
    if (srtp == null) {
      manager.counters().srtpNoKeys.increment();
      return;
    }
    int n = srtp.unprotectRtp(buf, off, len);
    if (n < 0) {
      manager.counters().droppedSrtp.increment();
      return;
    }
    sink.onRtp(this, buf, off, n);
  }

  /** An SRTCP packet from the selected address. */
  void onSrtcp(byte[] buf, int off, int len) {
    if (srtp == null) {
      manager.counters().srtpNoKeys.increment();
      return;
    }
    int n = srtp.unprotectRtcp(buf, off, len);
    if (n < 0) {
      manager.counters().droppedSrtp.increment();
      return;
    }
    sink.onRtcp(this, buf, off, n);
  }

  @Override
  public boolean sendRtp(byte[] buf, int off, int len) {
    if (srtp == null || closed) {
      return false;
    }
    InetSocketAddress to = selected; // set before the handshake that made srtp
    int n = srtp.protectRtp(buf, off, len);
    return n > 0 && to != null && manager.send(buf, off, n, to);
  }

  @Override
  public boolean sendRtcp(byte[] buf, int off, int len) {
    if (srtp == null || closed) {
      return false;
    }
    InetSocketAddress to = selected; // set before the handshake that made srtp
    int n = srtp.protectRtcp(buf, off, len);
    return n > 0 && to != null && manager.send(buf, off, n, to);
  }

  @Override
  public void close(String reason) {
    if (!manager.loop().inLoop()) {
      manager.loop().execute(() -> close(reason));
      return;
    }
    if (closed) {
      return;
    }
    closed = true;
    if (handshakeTimeout != null) {
      handshakeTimeout.cancel();
    }
    if (reason.startsWith("dtls failed")) {
      manager.counters().handshakeFailed(reason).increment();
    }
    manager.forget(this);
    if (dtlsQueue != null) {
      dtlsQueue.close();
    }
    if (srtp != null) {
      srtp.close();
    }
    sink.onClosed(this, reason);
  }
}
