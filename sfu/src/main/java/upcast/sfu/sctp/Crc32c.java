package upcast.sfu.sctp;

import java.util.zip.CRC32C;

/**
 * The SCTP checksum (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-6.8">RFC 9260
 * §6.8</a>, Appendix A): CRC32c over the whole packet with the checksum field taken as zero. The
 * value is stored in the header least significant byte first, which is how the reflected CRC32c of
 * Appendix A comes out in network transmission order (and what every interoperable stack does).
 */
final class Crc32c {
  static final int CHECKSUM_OFFSET = 8;
  private static final byte[] ZEROS = new byte[4];

  private Crc32c() {}

  /** CRC32c of {@code len} bytes at {@code off}, with the checksum field counted as zeros. */
  static int compute(byte[] buf, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(buf, off, CHECKSUM_OFFSET);
    crc.update(ZEROS, 0, 4);
    crc.update(buf, off + CHECKSUM_OFFSET + 4, len - CHECKSUM_OFFSET - 4);
    return (int) crc.getValue();
  }

  /** Plain CRC32c of a byte range (used by the test vectors). */
  static int plain(byte[] buf, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(buf, off, len);
    return (int) crc.getValue();
  }

  static void write(byte[] buf, int off, int len) {
    int c = compute(buf, off, len);
    int p = off + CHECKSUM_OFFSET;
    buf[p] = (byte) c;
    buf[p + 1] = (byte) (c >>> 8);
    buf[p + 2] = (byte) (c >>> 16);
    buf[p + 3] = (byte) (c >>> 24);
  }

  static boolean verify(byte[] buf, int off, int len) {
    int p = off + CHECKSUM_OFFSET;
    int stored =
        (buf[p] & 0xFF)
            | (buf[p + 1] & 0xFF) << 8
            | (buf[p + 2] & 0xFF) << 16
            | (buf[p + 3] & 0xFF) << 24;
    return stored == compute(buf, off, len);
  }
}
