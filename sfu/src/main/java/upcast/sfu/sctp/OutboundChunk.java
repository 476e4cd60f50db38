package upcast.sfu.sctp;

/** One DATA chunk we sent or will send, with its retransmission bookkeeping (RFC 9260 §6). */
final class OutboundChunk {
  final long tsn;
  final int stream;
  final int ssn;
  final int ppid;
  final int flags;
  final byte[] data;
  final DataChannel owner;

  /** Gap-acknowledged by the latest SACK (may still be reneged, §6.2.1). */
  boolean acked;

  boolean inFlight;
  boolean retransmit;
  boolean fastRetransmitted;
  int misses;
  int transmissions;
  long sackStamp;

  OutboundChunk(
      long tsn, int stream, int ssn, int ppid, int flags, byte[] data, DataChannel owner) {
    this.tsn = tsn;
    this.stream = stream;
    this.ssn = ssn;
    this.ppid = ppid;
    this.flags = flags;
    this.data = data;
    this.owner = owner;
  }

  /** Chunk length on the wire without padding; what cwnd and rwnd are charged. */
  int size() {
    return DataChunk.HEADER_LENGTH + data.length;
  }
}
