package upcast.loadgen;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import upcast.sfu.dtls.QueueDatagramTransport;
import upcast.sfu.rtp.SequenceCounter;
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

  /** Sequence accounting of the audio [0] and video [1] streams. */
  final SequenceCounter[] streams = {new SequenceCounter(), new SequenceCounter()};

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
}
