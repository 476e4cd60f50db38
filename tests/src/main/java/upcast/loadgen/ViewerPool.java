package upcast.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSTransport;
import upcast.sfu.dtls.DtlsCertificate;
import upcast.sfu.dtls.DtlsSrtpClient;
import upcast.sfu.dtls.DtlsSrtpServer;
import upcast.sfu.dtls.QueueDatagramTransport;
import upcast.sfu.ice.Stun;
import upcast.sfu.srtp.SrtpProfile;
import upcast.testpeer.AnswerInfo;
import upcast.testpeer.SdpOffers;

/**
 * Many synthetic viewers without a thread each: a few selector loops own their sockets (one UDP
 * socket per viewer, as browsers have), and DTLS handshakes run on a small bounded pool because
 * Bouncy Castle's DTLS API blocks.
 */
final class ViewerPool implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DtlsCertificate certificate = DtlsCertificate.generate();
  private final ThreadPoolExecutor handshakes =
      new ThreadPoolExecutor(
          4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20_000), r -> daemon(r, "dtls"));
  private final List<Loop> loops = new ArrayList<>();
  private final List<LoadViewer> viewers = new ArrayList<>();
  private volatile boolean running = true;

  ViewerPool(int loopThreads) throws IOException {
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
    ch.bind(new InetSocketAddress("127.0.0.1", 0));
    ch.configureBlocking(false);
    synchronized (this) {
      LoadViewer v =
          new LoadViewer(
              viewers.size(),
              random(8),
              random(24),
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
    Loop l = loops.get(v.index % loops.size());
    l.tasks.add(() -> l.register(v));
    l.selector.wakeup();
  }

  private final class Loop {
    final Selector selector;
    final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    final List<LoadViewer> mine = new ArrayList<>();
    final ByteBuffer buf = ByteBuffer.allocate(2048);
    long lastChecks;
    int errors;

    Loop() throws IOException {
      selector = Selector.open();
    }

    void register(LoadViewer v) {
      try {
        v.key = v.channel.register(selector, SelectionKey.OP_READ, v);
        mine.add(v);
        sendCheck(v);
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
          if (now - lastChecks > 100_000_000L) {
            lastChecks = now;
            for (LoadViewer v : mine) {
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

    private void read(LoadViewer v) throws IOException {
      for (int i = 0; i < 64; i++) {
        buf.clear();
        if (v.channel.receive(buf) == null) {
          return;
        }
        int len = buf.position();
        byte[] b = buf.array();
        int first = b[0] & 0xff;
        if (first <= 3) {
          if (!v.iceDone
              && Stun.looksLikeStun(b, 0, len)
              && Stun.type(b, 0) == Stun.BINDING_SUCCESS
              && Stun.verifyIntegrity(b, 0, len, v.serverKey)) {
            v.iceDone = true;
            startDtls(v);
          }
        } else if (first >= 20 && first <= 63) {
          QueueDatagramTransport d = v.dtls;
          if (d != null) {
            byte[] copy = new byte[len];
            System.arraycopy(b, 0, copy, 0, len);
            d.offer(copy);
          }
        } else if (first >= 128 && first <= 191 && v.srtp != null) {
          int pt = b[1] & 0x7f;
          if (pt >= 64 && pt <= 95) {
            continue; // RTCP (sender reports)
          }
          int n = v.srtp.unprotectRtp(b, 0, len);
          if (n > 0) {
            onMedia(v, b, n);
          } else {
            v.undecryptable++;
          }
        }
      }
    }

    private void onMedia(LoadViewer v, byte[] b, int n) {
      int pt = b[1] & 0x7f;
      int seq = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      boolean video = pt == SdpOffers.VIEWER_VP8;
      v.streams[video ? 1 : 0].update(seq);
      v.packets++;
      v.bytes += n;
      int p = 12;
      if (video) {
        if (v.firstKeyframeNanos == 0 && n > p + 1 && b[p] == 0x10 && (b[p + 1] & 1) == 0) {
          v.firstKeyframeNanos = System.nanoTime();
        }
        p += 2;
      }
      if (n >= p + 8) {
        long sent = ByteBuffer.wrap(b, p, 8).getLong();
        v.latency.record(Math.max(0, (System.nanoTime() - sent) / 1000));
      }
    }

    private void startDtls(LoadViewer v) {
      InetSocketAddress to = v.server;
      DatagramChannel ch = v.channel;
      QueueDatagramTransport q =
          new QueueDatagramTransport(
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
              v.srtp =
                  new DtlsSrtpClient(certificate, SrtpProfile.AEAD_AES_128_GCM, v.serverFingerprint)
                      .connect(q, new DtlsSrtpServer.Holder<DTLSTransport>())
                      .newSession();
            } catch (IOException | RuntimeException e) {
              v.closed = true;
            }
          });
    }

    private void sendCheck(LoadViewer v) {
      byte[] header = new byte[20];
      RANDOM.nextBytes(header);
      byte[] msg =
          new Stun.Writer(Stun.BINDING_REQUEST, header, 8)
              .username(v.serverUfrag + ":" + v.ufrag)
              .attribute(Stun.ATTR_PRIORITY, new byte[] {0x6e, 0, 1, (byte) 0xff})
              .attribute(Stun.ATTR_ICE_CONTROLLING, new byte[8])
              .attribute(Stun.ATTR_USE_CANDIDATE, new byte[0])
              .integrity(v.serverKey)
              .fingerprintAndBuild();
      try {
        v.channel.send(ByteBuffer.wrap(msg), v.server);
      } catch (IOException e) {
        v.closed = true;
      }
    }
  }

  private static String random(int n) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(chars.charAt(RANDOM.nextInt(chars.length())));
    }
    return sb.toString();
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
