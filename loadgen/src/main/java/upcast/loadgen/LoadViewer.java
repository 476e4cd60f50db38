package upcast.loadgen;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import org.jspecify.annotations.Nullable;
import upcast.sfu.client.DtlsClient;
import upcast.sfu.client.LossCounter;
import upcast.sfu.client.Srtp;
import upcast.testpeer.PeerIdentity;

/**
 * One synthetic viewer's state; touched only by the pool's loop thread after setup. The same viewer
 * serves both signaling flavors: against Upcast it is the ICE controlling agent (it sends the
 * checks), against Janus it is ICE-lite (it answers Janus's checks, RFC 8445 §2.5).
 */
final class LoadViewer implements PeerIdentity {
  final int index;
  final String ufrag;
  final String password;
  final byte[] passwordKey;
  final String fingerprint;
  final DatagramChannel channel;
  // Null until signaling answered (ViewerPool.connect or connectLite) and the handshake ran.
  @Nullable SelectionKey key;
  @Nullable InetSocketAddress server;
  @Nullable String serverUfrag;
  byte @Nullable [] serverKey;
  @Nullable String serverFingerprint;
  @Nullable String location;
  volatile @Nullable DtlsClient dtls;
  volatile @Nullable Srtp srtp;
  boolean iceDone;
  boolean closed;

  /** ICE-lite: answer the server's checks instead of sending our own. */
  boolean iceLite;

  /** When the first valid check from the server arrived (ICE-lite only). */
  long firstCheckNanos;

  /** When to start DTLS (ICE-lite only; 0 = not scheduled). */
  long dtlsAtNanos;

  /**
   * SRTP packets that arrived while the handshake thread was still deriving keys (a server may send
   * media right after its last handshake flight); decrypted once the keys are ready.
   */
  final java.util.ArrayDeque<byte[]> early = new java.util.ArrayDeque<>();

  /** The payload type the server sends VP8 with (what this viewer's SDP negotiated). */
  int videoPayloadType = upcast.testpeer.SdpOffers.VIEWER_VP8;

  /** Sequence number expected next inside the first keyframe, or -1 when not inside it. */
  int keyframeNextSeq = -1;

  final long startNanos;

  /** When signaling answered, ICE was done, SRTP keys were ready, the first packet decrypted. */
  long signaledNanos;

  long iceNanos;

  /** When our first connectivity check left, and how many we sent before one was answered. */
  long firstCheckSentNanos;

  int checksBeforeIce;
  volatile long srtpNanos;
  long firstPacketNanos;

  /** When the last packet of the first complete keyframe was decrypted (0 until then). */
  long firstKeyframeNanos;

  long packets;

  /** Packets decrypted and authenticated (all, or a sample: see ViewerPool's decryptEvery). */
  long decrypted;

  /** Media packets since the last one decrypted. */
  int sinceDecrypted;

  long undecryptable;
  long bytes;

  /** Sequence accounting of the audio [0] and video [1] streams. */
  final LossCounter[] streams = {new LossCounter(), new LossCounter()};

  final MicrosHistogram latency = new MicrosHistogram();

  LoadViewer(
      int index,
      String ufrag,
      String password,
      String fingerprint,
      DatagramChannel channel,
      long startNanos) {
    this.index = index;
    this.ufrag = ufrag;
    this.password = password;
    this.passwordKey = password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.fingerprint = fingerprint;
    this.channel = channel;
    this.startNanos = startNanos;
  }

  @Override
  public String iceUfrag() {
    return ufrag;
  }

  @Override
  public String icePassword() {
    return password;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }
}
