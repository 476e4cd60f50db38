package upcast.sfu.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Adapts Bouncy Castle's blocking DTLS API to our single shared socket: the media loop offers
 * received DTLS records to a bounded queue (dropping when full), BC's handshake thread takes them
 * from it, and sends go out through the shared socket (the {@link Sender} may be called from the
 * handshake thread; the SFU's hands the datagram to its media loop).
 */
public final class QueueDatagramTransport implements DatagramTransport {
  /** Writes one datagram to the peer. */
  public interface Sender {
    void send(byte[] buf, int off, int len);
  }

  /** Records up to this size fit: well under any path MTU used by WebRTC. */
  private static final int MTU = 1200;

  /** Wakes a reader blocked in {@link #receive} when the transport closes. */
  private static final byte[] CLOSED = new byte[0];

  private final ArrayBlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(64);
  private final Sender sender;
  private volatile boolean closed;

  public QueueDatagramTransport(Sender sender) {
    this.sender = sender;
  }

  /** Offers a received record; false (dropped) when the queue is full or closed. */
  public boolean offer(byte[] record) {
    return !closed && inbound.offer(record);
  }

  /** True when no received record waits to be read. */
  public boolean isEmpty() {
    return inbound.isEmpty();
  }

  @Override
  public int getReceiveLimit() {
    return 1500;
  }

  @Override
  public int getSendLimit() {
    return MTU;
  }

  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    if (closed) {
      throw new IOException("transport closed");
    }
    try {
      byte[] record = inbound.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
      if (record == null) {
        return -1;
      }
      if (closed) {
        throw new IOException("transport closed");
      }
      int n = Math.min(len, record.length);
      System.arraycopy(record, 0, buf, off, n);
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  @Override
  public void send(byte[] buf, int off, int len) {
    if (!closed) {
      sender.send(buf, off, len);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      inbound.clear();
      inbound.offer(CLOSED);
    }
  }
}
