package upcast.sfu.sctp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The association's way out: one reusable {@link PacketWriter} for whole packets, and the queue of
 * control chunks waiting to be bundled into the next flush (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-6.10">RFC 9260 §6.10</a>). The queue is
 * capped so a peer that provokes answers cannot grow it without bound.
 */
final class PacketSender {
  /** Under the association's name, where these messages have always been logged. */
  private static final Logger LOG = LoggerFactory.getLogger(SctpAssociation.class);

  private final SctpConfig config;
  private final SctpLowerLayer lower;
  private final PacketWriter writer;
  private final LongAdder packetsOut;
  private final LongAdder packetsDropped;
  private final ArrayDeque<byte[]> control = new ArrayDeque<>();

  PacketSender(
      SctpConfig config, SctpLowerLayer lower, LongAdder packetsOut, LongAdder packetsDropped) {
    this.config = config;
    this.lower = lower;
    this.writer = new PacketWriter(config.mtu());
    this.packetsOut = packetsOut;
    this.packetsDropped = packetsDropped;
  }

  /** Starts a packet with our ports and the given verification tag; returns the writer to fill. */
  PacketWriter begin(int vtag) {
    writer.begin(config.localPort(), config.remotePort(), vtag);
    return writer;
  }

  /** Finishes the packet being written and hands it to the lower layer. */
  void emit() {
    int len = writer.finish();
    packetsOut.increment();
    try {
      lower.send(writer.buffer(), 0, len);
    } catch (RuntimeException e) {
      LOG.warn("SCTP lower layer failed to send", e);
    }
  }

  /** Sends one prebuilt chunk in a packet of its own. */
  void sendSingle(int vtag, byte[] chunk) {
    begin(vtag).bytes(chunk, 0, chunk.length);
    emit();
  }

  /** Sends ABORT (§9.1) with one error cause whose info is {@code info} in ASCII, if any. */
  void sendAbort(int vtag, int cause, @Nullable String info) {
    byte[] bytes = info == null ? new byte[0] : info.getBytes(StandardCharsets.US_ASCII);
    byte[] causeBytes = ControlChunk.cause(cause, bytes, bytes.length);
    sendSingle(vtag, ControlChunk.build(ChunkType.ABORT, 0, causeBytes, causeBytes.length));
  }

  /** Queues a prebuilt control chunk for the next flush; past the cap it is dropped and counted. */
  void addControl(byte[] chunk) {
    if (control.size() < SctpAssociation.MAX_CONTROL_CHUNKS) {
      control.add(chunk);
    } else {
      packetsDropped.increment();
    }
  }

  boolean hasControl() {
    return !control.isEmpty();
  }

  /** The oldest queued control chunk, removed, or {@code null}. */
  byte[] pollControl() {
    return control.poll();
  }

  int controlQueued() {
    return control.size();
  }

  void clearControl() {
    control.clear();
  }
}
