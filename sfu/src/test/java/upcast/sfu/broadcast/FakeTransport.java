package upcast.sfu.broadcast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import upcast.sfu.transport.Transport;

/** A transport that records what it is asked to send, for tests on one thread. */
final class FakeTransport implements Transport {
  final List<byte[]> rtp = new ArrayList<>();
  final List<byte[]> rtcp = new ArrayList<>();
  boolean connected = true;
  boolean acceptSends = true;
  @Nullable String closedWith;

  @Override
  public String localUfrag() {
    return "ufrag";
  }

  @Override
  public String localPassword() {
    return "password";
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public boolean sendRtp(byte[] buf, int off, int len) {
    if (buf.length < off + len + SEND_HEADROOM) {
      throw new AssertionError("no send headroom");
    }
    rtp.add(Arrays.copyOfRange(buf, off, off + len));
    return acceptSends;
  }

  @Override
  public boolean sendRtcp(byte[] buf, int off, int len) {
    if (buf.length < off + len + SEND_HEADROOM) {
      throw new AssertionError("no send headroom");
    }
    rtcp.add(Arrays.copyOfRange(buf, off, off + len));
    return acceptSends;
  }

  @Override
  public boolean sendApplicationData(byte[] buf, int off, int len) {
    return false;
  }

  @Override
  public void close(String reason) {
    if (closedWith == null) {
      closedWith = reason;
    }
  }
}
