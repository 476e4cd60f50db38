package upcast.testpeer;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import upcast.sfu.client.ClientCertificate;
import upcast.sfu.client.DtlsClient;
import upcast.sfu.client.IceCheck;
import upcast.sfu.client.Srtp;
import upcast.sfu.client.SrtpProfile;

/**
 * An in-process WebRTC peer over real UDP on loopback, playing the browser's part: ICE controlling
 * agent (RFC 8445 §7.2.4 checks with USE-CANDIDATE), consent refreshes (RFC 7675), DTLS client (RFC
 * 5764) and SRTP both ways, built on the SFU's client surface ({@code upcast.sfu.client}).
 * Integration tests and the load generator use it.
 *
 * <p>Each peer has one receive thread (and, once connected, one consent thread): fine for tests and
 * a few hundred peers; it is not how the SFU itself is built. Received media lands in bounded
 * queues; when a test does not drain them, the newest packets are dropped.
 */
public final class TestPeer implements PeerIdentity, AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SrtpProfile profile;
  private final String ufrag = IceCheck.newCredential(8);
  private final String password = IceCheck.newCredential(24);
  private final ClientCertificate certificate = ClientCertificate.generate();
  private final DatagramChannel channel;
  private final BlockingQueue<byte[]> rtp = new ArrayBlockingQueue<>(20_000);
  private final BlockingQueue<byte[]> rtcp = new ArrayBlockingQueue<>(2_000);

  /**
   * SRTP that arrived after the server finished its handshake but before our keys were derived (the
   * server may send media right after its last flight, as a browser would accept it in order);
   * unprotected once the keys are ready. Receive thread only; bounded.
   */
  private final java.util.ArrayDeque<byte[]> early = new java.util.ArrayDeque<>();

  private final byte[] sendBuffer = new byte[2048];
  // Set by connect; the receiver thread runs from the constructor on.
  private volatile @Nullable InetSocketAddress server;
  private volatile @Nullable String serverUfrag;
  private volatile byte @Nullable [] serverKey;
  private volatile CompletableFuture<Void> checkAnswered = new CompletableFuture<>();
  private volatile @Nullable DtlsClient dtls;
  private volatile @Nullable Srtp srtp;
  private volatile boolean closed;
  private final Thread receiver;
  private @Nullable Thread consent;
  private volatile Duration consentInterval = Duration.ofSeconds(5);

  private TestPeer(SrtpProfile profile, String bindIp) throws IOException {
    this.profile = profile;
    this.channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(bindIp, 0));
    this.receiver = new Thread(this::receiveLoop, "test-peer-" + ufrag);
    receiver.setDaemon(true);
    receiver.start();
  }

  public static TestPeer create(SrtpProfile profile) {
    return create(profile, "127.0.0.1");
  }

  /** A peer whose socket binds {@code bindIp} (a local address). */
  public static TestPeer create(SrtpProfile profile, String bindIp) {
    try {
      return new TestPeer(profile, bindIp);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String iceUfrag() {
    return ufrag;
  }

  @Override
  public String icePassword() {
    return password;
  }

  /** Our certificate's sha-256 fingerprint, for the offer's {@code a=fingerprint}. */
  @Override
  public String fingerprint() {
    return certificate.fingerprint();
  }

  /** Runs ICE and the DTLS handshake against the SFU's answer; blocks until SRTP is ready. */
  public void connect(AnswerInfo answer) throws IOException {
    connect(answer.candidate(), answer.iceUfrag(), answer.icePassword(), answer.fingerprint());
  }

  /**
   * Runs ICE (checks with USE-CANDIDATE until one is answered, at most ~5 s) and the DTLS handshake
   * (at most 10 s), verifying the server's sha-256 certificate fingerprint; blocks until SRTP is
   * ready, then refreshes consent every {@link #consentInterval} until closed.
   *
   * @throws IOException when ICE gets no answer or DTLS fails or times out
   */
  public void connect(
      InetSocketAddress server, String serverUfrag, String serverPwd, String serverFingerprint)
      throws IOException {
    this.server = server;
    this.serverUfrag = serverUfrag;
    this.serverKey = serverPwd.getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; attempt < 50 && !checkAnswered.isDone(); attempt++) {
      sendCheck(true);
      try {
        checkAnswered.get(100, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // retry
      }
    }
    if (!checkAnswered.isDone()) {
      throw new IOException("no ICE answer from " + server);
    }
    dtls = new DtlsClient(certificate, profile, serverFingerprint, this::sendRaw);
    srtp = dtls.handshake();
    consent = new Thread(this::consentLoop, "test-peer-consent-" + ufrag);
    consent.setDaemon(true);
    consent.start();
  }

  /** Whether the last check got a success response (false after the SFU forgot us). */
  public boolean checkSucceeds(Duration timeout) {
    checkAnswered = new CompletableFuture<>();
    sendCheck(false);
    try {
      checkAnswered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Sets how often consent is refreshed once connected (RFC 7675 §5.1 suggests about 5 s). */
  public TestPeer consentInterval(Duration interval) {
    this.consentInterval = interval;
    return this;
  }

  /** Whether {@link #connect} completed (SRTP keys are ready). */
  public boolean isConnected() {
    return srtp != null && !closed;
  }

  /** Sends one DTLS application-data record (what SCTP for data channels would ride on). */
  public void sendDtlsApplicationData(byte[] data) throws IOException {
    requireNonNull(dtls).send(data, 0, data.length);
  }

  /**
   * Delivers received DTLS application data (SCTP packets of data channels) to {@code sink}, from a
   * reader thread of this peer, until it closes.
   */
  public void onApplicationData(java.util.function.Consumer<byte[]> sink) {
    Thread reader =
        new Thread(
            () -> {
              byte[] buf = new byte[2048];
              while (!closed) {
                try {
                  int n = requireNonNull(dtls).receive(buf, 0, buf.length, 100);
                  if (n >= 0) {
                    sink.accept(java.util.Arrays.copyOf(buf, n));
                  }
                } catch (IOException e) {
                  return;
                }
              }
            },
            "test-peer-app-data-" + ufrag);
    reader.setDaemon(true);
    reader.start();
  }

  /** Closes DTLS with a close_notify alert, as a browser closing its PeerConnection does. */
  public void closeDtls() throws IOException {
    requireNonNull(dtls).closeNotify();
  }

  /** Stops consent refreshes, as a vanished browser would. */
  public void stopConsent() {
    if (consent != null) {
      consent.interrupt();
    }
  }

  /** Encrypts and sends one plain RTP packet. */
  public synchronized void sendRtp(byte[] plain) {
    System.arraycopy(plain, 0, sendBuffer, 0, plain.length);
    int n = requireNonNull(srtp).protectRtp(sendBuffer, 0, plain.length);
    if (n > 0) {
      sendRaw(sendBuffer, 0, n);
    }
  }

  /** Encrypts and sends one plain RTCP packet. */
  public synchronized void sendRtcp(byte[] plain) {
    System.arraycopy(plain, 0, sendBuffer, 0, plain.length);
    int n = requireNonNull(srtp).protectRtcp(sendBuffer, 0, plain.length);
    if (n > 0) {
      sendRaw(sendBuffer, 0, n);
    }
  }

  /** Sends bytes as they are (for junk and attack tests). */
  public void sendRaw(byte[] b) {
    sendRaw(b, 0, b.length);
  }

  /** Sends bytes as they are (for junk and attack tests). */
  public void sendRaw(byte[] b, int off, int len) {
    try {
      channel.send(ByteBuffer.wrap(b, off, len), server);
    } catch (IOException e) {
      // The test will notice missing media.
    }
  }

  /** Decrypted RTP packets received, oldest first. */
  public BlockingQueue<byte[]> rtp() {
    return rtp;
  }

  /** Decrypted RTCP packets received, oldest first. */
  public BlockingQueue<byte[]> rtcp() {
    return rtcp;
  }

  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void sendCheck(boolean nominate) {
    IceCheck check = IceCheck.to(requireNonNull(serverUfrag), ufrag).controlling(RANDOM.nextLong());
    if (nominate) {
      check.nominate();
    }
    byte[] msg = check.sign(requireNonNull(serverKey));
    sendRaw(msg, 0, msg.length);
  }

  private void consentLoop() {
    while (!closed) {
      try {
        Thread.sleep(consentInterval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      sendCheck(false);
    }
  }

  private void receiveLoop() {
    ByteBuffer buf = ByteBuffer.allocate(2048);
    while (!closed) {
      try {
        buf.clear();
        channel.receive(buf);
        int len = buf.position();
        byte[] b = buf.array();
        int first = b[0] & 0xff;
        if (first <= 3) {
          byte[] key = serverKey; // null until connect: nothing to answer yet
          if (key != null && IceCheck.isSuccess(b, 0, len, key)) {
            checkAnswered.complete(null);
          }
        } else if (first >= 20 && first <= 63) {
          DtlsClient d = dtls;
          if (d != null) {
            byte[] copy = new byte[len];
            System.arraycopy(b, 0, copy, 0, len);
            d.offer(copy);
          }
        } else if (first >= 128 && first <= 191) {
          if (srtp == null) {
            if (dtls != null && early.size() < 256) {
              early.add(java.util.Arrays.copyOf(b, len));
            }
          } else {
            for (byte[] e; (e = early.poll()) != null; ) {
              unprotectAndQueue(e, e.length);
            }
            unprotectAndQueue(b, len);
          }
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private void unprotectAndQueue(byte[] b, int len) {
    int pt = b[1] & 0x7f;
    boolean isRtcp = pt >= 64 && pt <= 95; // RFC 5761 §4
    Srtp s = requireNonNull(srtp); // only once the keys are ready
    int n = isRtcp ? s.unprotectRtcp(b, 0, len) : s.unprotectRtp(b, 0, len);
    if (n > 0) {
      byte[] copy = new byte[n];
      System.arraycopy(b, 0, copy, 0, n);
      (isRtcp ? rtcp : rtp).offer(copy);
    }
  }

  @Override
  public void close() {
    closed = true;
    stopConsent();
    if (dtls != null) {
      dtls.close();
    }
    try {
      channel.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
