package upcast.loadgen;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import upcast.sfu.client.ClientCertificate;
import upcast.sfu.client.DtlsClient;
import upcast.sfu.client.IceCheck;
import upcast.sfu.client.Srtp;
import upcast.sfu.client.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;

/**
 * Many synthetic viewers without a thread each: a few selector loops own their sockets (one UDP
 * socket per viewer, as browsers have), and DTLS handshakes run on a bounded pool because Bouncy
 * Castle's DTLS API blocks. Serves both benchmark targets: viewers of Upcast run ICE as the
 * controlling agent ({@link #connect}), viewers of Janus as ICE-lite ({@link #connectLite}); DTLS
 * (client), SRTP and the measurements are the same.
 */
final class ViewerPool implements AutoCloseable {
  private final ClientCertificate certificate = ClientCertificate.generate();

  /**
   * Concurrent client handshakes. A browser runs its own handshake at once, so the pool is large
   * enough that joins never queue here (4 threads made a 300-viewer storm wait ~3 s in this queue,
   * measuring the generator instead of the server); the threads mostly wait for flights.
   */
  private static final int HANDSHAKE_THREADS = 256;

  private final ThreadPoolExecutor handshakes =
      new ThreadPoolExecutor(
          HANDSHAKE_THREADS,
          HANDSHAKE_THREADS,
          5,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(20_000),
          r -> daemon(r, "dtls"));
  private final List<Loop> loops = new ArrayList<>();
  private final List<LoadViewer> viewers = new ArrayList<>();
  private static final long LITE_DTLS_DELAY_NANOS = 20_000_000L;

  /** SRTP_AEAD_AES_128_GCM's authentication tag (RFC 7714 §14.2): what decryption removes. */
  private static final int GCM_TAG_LENGTH = 16;

  private final String bindIp;
  private final int decryptEvery;
  private volatile boolean running = true;

  ViewerPool(int loopThreads) throws IOException {
    this(loopThreads, "127.0.0.1", 1);
  }

  /**
   * @param bindIp the local address viewer sockets bind (and announce as host candidate)
   * @param decryptEvery after a viewer's first complete keyframe, decrypt and authenticate one
   *     media packet in this many (1: all) and count the others by their clear RTP header — the
   *     decryption is most of the generator's user time, and a sample still catches a server that
   *     encrypts wrongly ({@link LoadViewer#undecryptable}) and measures end-to-end latency
   */
  ViewerPool(int loopThreads, String bindIp, int decryptEvery) throws IOException {
    this.bindIp = bindIp;
    this.decryptEvery = Math.max(1, decryptEvery);
    handshakes.allowCoreThreadTimeOut(true);
    // The first SRTP use in a JVM picks the AES engine (about a second): before any viewer's clock.
    Srtp.warmUp();
    for (int i = 0; i < loopThreads; i++) {
      Loop l = new Loop();
      loops.add(l);
      daemon(l::run, "viewer-loop-" + i).start();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  synchronized List<LoadViewer> viewers() {
    return List.copyOf(viewers);
  }

  /** A viewer's identity and socket, before signaling. */
  LoadViewer prepare() throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    ch.bind(new InetSocketAddress(bindIp, 0));
    ch.configureBlocking(false);
    synchronized (this) {
      LoadViewer v =
          new LoadViewer(
              viewers.size(),
              IceCheck.newCredential(8),
              IceCheck.newCredential(24),
              certificate.fingerprint(),
              ch,
              System.nanoTime());
      viewers.add(v);
      return v;
    }
  }

  /** Offer SDP for a prepared viewer. */
  static String offer(LoadViewer v) {
    return SdpOffers.viewer(v);
  }

  /** Starts ICE and DTLS for a viewer once signaling answered. */
  void connect(LoadViewer v, String answerSdp, String location) {
    AnswerInfo a = AnswerInfo.parse(answerSdp);
    v.server = a.candidate();
    v.serverUfrag = a.iceUfrag();
    v.serverKey = a.icePassword().getBytes(StandardCharsets.UTF_8);
    v.serverFingerprint = a.fingerprint();
    v.location = location;
    v.signaledNanos = System.nanoTime();
    Loop l = loops.get(v.index % loops.size());
    l.tasks.add(() -> l.register(v));
    l.selector.wakeup();
  }

  /**
   * Starts an ICE-lite viewer once signaling answered: it waits for the server's checks (the server
   * is the controlling agent, RFC 8445 §6.1.1), answers them and starts DTLS towards the checked
   * address once nominated.
   */
  void connectLite(
      LoadViewer v, String serverUfrag, String serverPwd, String fingerprint, int videoPt) {
    v.iceLite = true;
    v.serverUfrag = serverUfrag;
    v.serverKey = serverPwd.getBytes(StandardCharsets.UTF_8);
    v.serverFingerprint = fingerprint;
    v.videoPayloadType = videoPt;
    v.signaledNanos = System.nanoTime();
    Loop l = loops.get(v.index % loops.size());
    l.tasks.add(() -> l.register(v));
    l.selector.wakeup();
  }

  private final class Loop {
    final Selector selector;
    final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    final List<LoadViewer> mine = new ArrayList<>();

    /** Direct, so a receive copies once (a heap buffer goes through a per-thread direct one). */
    final ByteBuffer buf = ByteBuffer.allocateDirect(2048);

    final byte[] array = new byte[2048];
    long lastChecks;
    int errors;

    Loop() throws IOException {
      selector = Selector.open();
    }

    void register(LoadViewer v) {
      try {
        v.key = v.channel.register(selector, SelectionKey.OP_READ, v);
        mine.add(v);
        if (!v.iceLite) {
          sendCheck(v);
        }
      } catch (IOException e) {
        v.closed = true;
      }
    }

    void run() {
      while (running) {
        try {
          selector.select(50);
          Runnable t;
          while ((t = tasks.poll()) != null) {
            t.run();
          }
          for (SelectionKey k : selector.selectedKeys()) {
            read((LoadViewer) k.attachment());
          }
          selector.selectedKeys().clear();
          long now = System.nanoTime();
          for (LoadViewer v : mine) {
            if (v.dtlsAtNanos != 0 && now >= v.dtlsAtNanos) {
              v.dtlsAtNanos = 0;
              startDtls(v);
            }
          }
          if (now - lastChecks > 100_000_000L) {
            lastChecks = now;
            for (LoadViewer v : mine) {
              if (v.iceLite) {
                // Regular nomination sends USE-CANDIDATE in a later check; don't wait forever.
                if (!v.iceDone && v.firstCheckNanos > 0 && now - v.firstCheckNanos > 300_000_000L) {
                  v.iceDone = true;
                  v.dtlsAtNanos = now;
                }
                continue;
              }
              // Retry checks until ICE answers; afterwards refresh consent every ~4 s.
              if (!v.closed && (!v.iceDone || (now / 100_000_000L + v.index) % 40 == 0)) {
                sendCheck(v);
              }
            }
          }
        } catch (IOException | RuntimeException e) {
          errors++;
          if (running && errors <= 3) {
            e.printStackTrace();
          }
        }
      }
    }

    /**
     * Reads one datagram. The selector is level-triggered, so a socket with more queued is selected
     * again in the next round: reading until the socket is empty would add a failing {@code
     * recvfrom} per wake-up, and at one or two queued datagrams per wake-up that is a third of the
     * generator's system calls.
     */
    private void read(LoadViewer v) throws IOException {
      buf.clear();
      InetSocketAddress from = (InetSocketAddress) v.channel.receive(buf);
      if (from == null) {
        return;
      }
      int len = buf.position();
      buf.flip();
      buf.get(array, 0, len);
      byte[] b = array;
      int first = b[0] & 0xff;
      if (first <= 3) {
        if (v.iceLite) {
          answerCheck(v, b, len, from);
        } else if (!v.iceDone && IceCheck.isSuccess(b, 0, len, requireNonNull(v.serverKey))) {
          v.iceDone = true;
          startDtls(v);
        }
      } else if (first >= 20 && first <= 63) {
        DtlsClient d = v.dtls;
        if (d != null) {
          d.offer(Arrays.copyOf(b, len));
        }
      } else if (first >= 128 && first <= 191) {
        int pt = b[1] & 0x7f;
        if (pt >= 64 && pt <= 95) {
          return; // RTCP (sender reports)
        }
        if (v.srtp == null) {
          if (v.dtls != null && v.early.size() < 256) {
            v.early.add(Arrays.copyOf(b, len));
          }
          return;
        }
        while (!v.early.isEmpty()) {
          byte[] e = v.early.poll();
          decrypt(v, e, e.length);
        }
        if (v.firstKeyframeNanos == 0 || ++v.sinceDecrypted >= decryptEvery) {
          v.sinceDecrypted = 0;
          decrypt(v, b, len);
        } else {
          count(v, b, len - GCM_TAG_LENGTH);
        }
      }
    }

    private void decrypt(LoadViewer v, byte[] b, int len) {
      int n = requireNonNull(v.srtp).unprotectRtp(b, 0, len);
      if (n > 0) {
        onMedia(v, b, n);
      } else {
        v.undecryptable++;
      }
    }

    /**
     * Answers a server's connectivity check as an ICE-lite agent (RFC 8445 §7.3): success response
     * with XOR-MAPPED-ADDRESS, integrity keyed with our password, fingerprint. DTLS starts towards
     * the checked address once the server nominates it (USE-CANDIDATE).
     */
    private void answerCheck(LoadViewer v, byte[] b, int len, InetSocketAddress from)
        throws IOException {
      // A check for us: USERNAME ufrag:serverUfrag, keyed with our password.
      if (!IceCheck.isCheckOf(b, 0, len, v.ufrag, v.passwordKey)) {
        return;
      }
      byte[] response = IceCheck.success(b, 0, from, v.passwordKey);
      v.channel.send(ByteBuffer.wrap(response), from);
      if (v.iceDone) {
        return;
      }
      v.server = from;
      if (v.firstCheckNanos == 0) {
        v.firstCheckNanos = System.nanoTime();
      }
      if (IceCheck.nominates(b, 0, len)) {
        v.iceDone = true;
        // The server sets up DTLS once it has processed our response: a ClientHello sent at once
        // can beat that and be dropped, costing a full 1 s retransmission. A browser starts DTLS
        // after its own check round trip; this short delay stands in for it.
        v.dtlsAtNanos = System.nanoTime() + LITE_DTLS_DELAY_NANOS;
      }
    }

    /**
     * Counts a packet by its RTP header, which SRTP leaves in the clear (RFC 3711 §3.1): loss and
     * throughput need no decryption. {@code n} is the decrypted size (header + payload), the same
     * for every target.
     */
    private boolean count(LoadViewer v, byte[] b, int n) {
      int pt = b[1] & 0x7f;
      int seq = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      boolean video = pt == v.videoPayloadType;
      v.streams[video ? 1 : 0].update(seq);
      if (v.packets++ == 0) {
        v.firstPacketNanos = System.nanoTime();
      }
      v.bytes += n;
      return video;
    }

    private void onMedia(LoadViewer v, byte[] b, int n) {
      v.decrypted++;
      boolean video = count(v, b, n);
      int seq = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      int p = payloadOffset(b, n);
      if (p < 0) {
        return;
      }
      if (video) {
        firstKeyframe(v, b, p, n, seq);
        p += MediaPublisher.VIDEO_TIME_OFFSET;
      }
      if (n >= p + 8) {
        long sent = ByteBuffer.wrap(b, p, 8).getLong();
        v.latency.record(Math.max(0, (System.nanoTime() - sent) / 1000));
      }
    }

    /**
     * Time to first frame ends with the last packet of the first complete keyframe: its first
     * packet (VP8 descriptor S=1, frame tag P=0), then every sequence number up to the marker bit.
     */
    private void firstKeyframe(LoadViewer v, byte[] b, int p, int n, int seq) {
      if (v.firstKeyframeNanos != 0) {
        return;
      }
      if (n > p + 1 && (b[p] & 0x10) != 0 && (b[p] & 0x07) == 0 && (b[p + 1] & 1) == 0) {
        v.keyframeNextSeq = seq; // a keyframe starts here
      }
      if (v.keyframeNextSeq < 0) {
        return;
      }
      if (seq != v.keyframeNextSeq) {
        v.keyframeNextSeq = -1; // a gap: wait for the next keyframe
        return;
      }
      v.keyframeNextSeq = (seq + 1) & 0xFFFF;
      if ((b[1] & 0x80) != 0) {
        v.firstKeyframeNanos = System.nanoTime();
      }
    }

    private void startDtls(LoadViewer v) {
      v.iceNanos = System.nanoTime();
      InetSocketAddress to = v.server;
      DatagramChannel ch = v.channel;
      DtlsClient q =
          new DtlsClient(
              certificate,
              SrtpProfile.AEAD_AES_128_GCM,
              requireNonNull(v.serverFingerprint),
              (bytes, off, len) -> {
                try {
                  ch.send(ByteBuffer.wrap(bytes, off, len), to);
                } catch (IOException e) {
                  // lost; DTLS retransmits
                }
              });
      v.dtls = q;
      handshakes.execute(
          () -> {
            try {
              v.srtp = q.handshake();
              v.srtpNanos = System.nanoTime();
            } catch (IOException | RuntimeException e) {
              v.closed = true;
            }
          });
    }

    private void sendCheck(LoadViewer v) {
      if (!v.iceDone) {
        v.checksBeforeIce++;
        if (v.firstCheckSentNanos == 0) {
          v.firstCheckSentNanos = System.nanoTime();
        }
      }
      byte[] msg =
          IceCheck.to(requireNonNull(v.serverUfrag), v.ufrag)
              .controlling(0)
              .nominate()
              .sign(requireNonNull(v.serverKey));
      try {
        v.channel.send(ByteBuffer.wrap(msg), v.server);
      } catch (IOException e) {
        v.closed = true;
      }
    }
  }

  /**
   * Where an RTP packet's payload starts (RFC 3550 §5.1: CSRCs, then the RFC 8285 header extension
   * block when X is set), or -1 if it does not fit. Janus adds extensions; Upcast's viewers here
   * negotiate none.
   */
  static int payloadOffset(byte[] b, int n) {
    int p = 12 + 4 * (b[0] & 0x0f);
    if ((b[0] & 0x10) != 0) {
      if (n < p + 4) {
        return -1;
      }
      p += 4 + 4 * (((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff));
    }
    return p <= n ? p : -1;
  }

  @Override
  public void close() {
    running = false;
    handshakes.shutdownNow();
    for (LoadViewer v : viewers()) {
      try {
        v.channel.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
