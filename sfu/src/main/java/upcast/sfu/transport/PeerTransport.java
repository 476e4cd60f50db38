package upcast.sfu.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.bouncycastle.tls.DTLSTransport;
import upcast.sfu.dtls.DtlsSrtpKeys;
import upcast.sfu.dtls.DtlsSrtpServer;
import upcast.sfu.dtls.QueueDatagramTransport;
import upcast.sfu.srtp.SrtpSession;

/**
 * One peer on the shared port: ICE-lite consent state, the DTLS handshake, then SRTP in and out.
 * All state changes happen on the media loop; only the DTLS handshake runs on the bounded handshake
 * pool, and hands its result back to the loop.
 */
final class PeerTransport implements Transport {
  private final TransportManager manager;
  private final String localUfrag;
  private final String localPassword;
  private final byte[] localPasswordBytes;
  private final RemoteParameters remote;
  private final MediaSink sink;
  private final long createdMillis;

  private InetSocketAddress selected;
  private long lastConsentMillis;
  private QueueDatagramTransport dtlsQueue;
  private final DtlsSrtpServer.Holder<DTLSTransport> dtls = new DtlsSrtpServer.Holder<>();
  private SrtpSession srtp;
  private MediaLoop.Cancellable handshakeTimeout;
  private boolean closed;

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
    this.localPasswordBytes = localPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.remote = remote;
    this.sink = sink;
    this.createdMillis = nowMillis;
  }

  @Override
  public String localUfrag() {
    return localUfrag;
  }

  @Override
  public String localPassword() {
    return localPassword;
  }

  byte[] passwordKey() {
    return localPasswordBytes;
  }

  String remoteUfrag() {
    return remote.iceUfrag();
  }

  InetSocketAddress selected() {
    return selected;
  }

  long createdMillis() {
    return createdMillis;
  }

  long lastConsentMillis() {
    return lastConsentMillis;
  }

  boolean closed() {
    return closed;
  }

  /** The DTLS transport once the handshake is done, for SCTP data channels (RFC 8261). */
  DTLSTransport dtlsTransport() {
    return dtls.value;
  }

  @Override
  public boolean isConnected() {
    return srtp != null && !closed;
  }

  /** An authenticated connectivity check arrived from {@code from} (RFC 8445 §7.3, RFC 7675). */
  void onConsent(InetSocketAddress from, boolean useCandidate, long nowMillis) {
    lastConsentMillis = nowMillis;
    if (selected == null || (useCandidate && !from.equals(selected))) {
      manager.select(this, selected, from);
      selected = from;
    }
  }

  /** A DTLS record from the selected address (RFC 7983: first byte 20–63). */
  void onDtls(byte[] buf, int off, int len) {
    if (closed) {
      return;
    }
    if (srtp != null) {
      // After the handshake: data channels (issue 3) will read these; until then, count them.
      manager.counters().dtlsAfterHandshake.increment();
      return;
    }
    byte[] record = new byte[len];
    System.arraycopy(buf, off, record, 0, len);
    if (dtlsQueue == null) {
      startHandshake();
    }
    if (dtlsQueue != null && !dtlsQueue.offer(record)) {
      manager.counters().dtlsQueueFull.increment();
    }
  }

  private void startHandshake() {
    InetSocketAddress to = selected;
    dtlsQueue = new QueueDatagramTransport((b, o, l) -> manager.sendFromAnyThread(b, o, l, to));
    DtlsSrtpServer server =
        new DtlsSrtpServer(
            manager.certificate(), remote.fingerprintAlgorithm(), remote.fingerprint());
    QueueDatagramTransport queue = dtlsQueue;
    handshakeTimeout =
        manager
            .loop()
            .schedule(() -> close("dtls failed: handshake timeout"), Duration.ofSeconds(10));
    try {
      manager
          .handshakePool()
          .execute(
              () -> {
                try {
                  DtlsSrtpKeys keys = server.accept(queue, dtls);
                  manager.loop().execute(() -> onHandshakeDone(keys));
                } catch (IOException | RuntimeException e) {
                  manager.loop().execute(() -> close("dtls failed: " + e.getMessage()));
                }
              });
    } catch (RejectedExecutionException e) {
      close("dtls failed: too many handshakes in progress");
    }
  }

  private void onHandshakeDone(DtlsSrtpKeys keys) {
    handshakeTimeout.cancel();
    if (closed) {
      return;
    }
    srtp = keys.newSession();
    manager.counters().handshakesOk.increment();
    sink.onConnected(this);
  }

  /** An SRTP packet from the selected address. */
  void onSrtp(byte[] buf, int off, int len) {
    if (srtp == null) {
      manager.counters().droppedSrtp.increment();
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
      manager.counters().droppedSrtp.increment();
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
    int n = srtp.protectRtp(buf, off, len);
    return n > 0 && manager.send(buf, off, n, selected);
  }

  @Override
  public boolean sendRtcp(byte[] buf, int off, int len) {
    if (srtp == null || closed) {
      return false;
    }
    int n = srtp.protectRtcp(buf, off, len);
    return n > 0 && manager.send(buf, off, n, selected);
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
      manager.counters().handshakesFailed.increment();
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
