package upcast.loadgen;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import upcast.sfu.dtls.QueueDatagramTransport;
import upcast.sfu.srtp.SrtpSession;
import upcast.testpeer.PeerIdentity;

/** One synthetic viewer's state; touched only by the pool's loop thread after setup. */
final class LoadViewer implements PeerIdentity {
  final int index;
  final String ufrag;
  final String password;
  final String fingerprint;
  final DatagramChannel channel;
  SelectionKey key;
  InetSocketAddress server;
  String serverUfrag;
  byte[] serverKey;
  String serverFingerprint;
  String location;
  volatile QueueDatagramTransport dtls;
  volatile SrtpSession srtp;
  boolean iceDone;
  boolean closed;

  final long startNanos;
  long firstKeyframeNanos;
  long packets;
  long undecryptable;
  long bytes;

  /** Per media SSRC (audio, video): first and highest extended sequence numbers seen. */
  final long[] ssrcs = new long[2];

  final int[] firstSeq = {-1, -1};
  final long[] received = new long[2];
  final int[] highest = {-1, -1};
  final long[] cycles = new long[2];
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

  /** Records one received media packet of stream {@code s} for loss accounting (RFC 3550 A.1). */
  void onSequence(int s, int seq) {
    received[s]++;
    if (firstSeq[s] < 0) {
      firstSeq[s] = seq;
      highest[s] = seq;
      return;
    }
    int delta = (seq - highest[s]) & 0xFFFF;
    if (delta != 0 && delta < 0x8000) {
      if (seq < highest[s]) {
        cycles[s] += 0x10000;
      }
      highest[s] = seq;
    }
  }

  /** Fraction of packets lost on stream {@code s}, from sequence numbers. */
  double loss(int s) {
    if (firstSeq[s] < 0) {
      return 1.0;
    }
    long expected = cycles[s] + highest[s] - firstSeq[s] + 1;
    return expected <= 0 ? 0 : Math.max(0, 1.0 - (double) received[s] / expected);
  }
}
