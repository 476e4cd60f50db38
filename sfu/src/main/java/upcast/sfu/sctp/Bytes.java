package upcast.sfu.sctp;

/** Big-endian field access (network byte order, RFC 9260 §3). */
final class Bytes {
  private Bytes() {}

  static int u8(byte[] b, int p) {
    return b[p] & 0xFF;
  }

  static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
  }

  static int i32(byte[] b, int p) {
    return (b[p] & 0xFF) << 24
        | (b[p + 1] & 0xFF) << 16
        | (b[p + 2] & 0xFF) << 8
        | (b[p + 3] & 0xFF);
  }

  static long u32(byte[] b, int p) {
    return i32(b, p) & 0xFFFFFFFFL;
  }

  static void put16(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
  }

  static void put32(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }

  static void put64(byte[] b, int p, long v) {
    put32(b, p, (int) (v >>> 32));
    put32(b, p + 4, (int) v);
  }

  static long i64(byte[] b, int p) {
    return ((long) i32(b, p) << 32) | (i32(b, p + 4) & 0xFFFFFFFFL);
  }

  /** Serial number comparison (RFC 1982) of 32-bit TSNs: a before b. */
  static boolean tsnLess(int a, int b) {
    return a - b < 0;
  }
}
