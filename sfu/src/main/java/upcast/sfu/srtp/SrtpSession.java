package upcast.sfu.srtp;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * One direction-pair of SRTP/SRTCP keys for one peer (RFC 3711), built from DTLS-SRTP keying
 * material (RFC 5764 §4.2). Transforms packets in place with jitsi-srtp; crypto contexts are
 * derived once per SSRC and kept in a small array, so the per-packet path does not allocate.
 *
 * <p>Not thread-safe per direction: the SFU uses it only on the media loop thread; a client may
 * unprotect on one thread while it protects on another.
 */
public final class SrtpSession {
  private static final Logger LOG = new LoggerImpl(SrtpSession.class.getName());
  private static final int MAX_SSRCS = 64;

  private final SrtpContextFactory inbound;
  private final SrtpContextFactory outbound;

  /** One view per direction, so one thread may receive while another sends. */
  private final MutableBuffer inView = new MutableBuffer();

  private final MutableBuffer outView = new MutableBuffer();
  private final int[] inSsrcs = new int[MAX_SSRCS];
  private final SrtpCryptoContext[] inRtp = new SrtpCryptoContext[MAX_SSRCS];
  private final SrtcpCryptoContext[] inRtcp = new SrtcpCryptoContext[MAX_SSRCS];
  private final int[] outSsrcs = new int[MAX_SSRCS];
  private final SrtpCryptoContext[] outRtp = new SrtpCryptoContext[MAX_SSRCS];
  private final SrtcpCryptoContext[] outRtcp = new SrtcpCryptoContext[MAX_SSRCS];
  private int inCount;
  private int outCount;

  /**
   * @param profile the negotiated protection profile
   * @param localKey our master key, localSalt our master salt (what we send with)
   * @param remoteKey the peer's master key, remoteSalt its salt (what we receive with)
   */
  public SrtpSession(
      SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {
    this.outbound =
        new SrtpContextFactory(true, localKey, localSalt, profile.policy(), profile.policy(), LOG);
    this.inbound =
        new SrtpContextFactory(
            false, remoteKey, remoteSalt, profile.policy(), profile.policy(), LOG);
  }

  /**
   * Builds the session from DTLS exporter output laid out as client key, server key, client salt,
   * server salt (RFC 5764 §4.2).
   */
  public static SrtpSession fromKeyingMaterial(
      SrtpProfile profile, byte[] material, boolean weAreDtlsServer) {
    int k = profile.keyLength;
    int s = profile.saltLength;
    byte[] clientKey = slice(material, 0, k);
    byte[] serverKey = slice(material, k, k);
    byte[] clientSalt = slice(material, 2 * k, s);
    byte[] serverSalt = slice(material, 2 * k + s, s);
    return weAreDtlsServer
        ? new SrtpSession(profile, serverKey, serverSalt, clientKey, clientSalt)
        : new SrtpSession(profile, clientKey, clientSalt, serverKey, serverSalt);
  }

  private static byte[] slice(byte[] src, int off, int len) {
    byte[] out = new byte[len];
    System.arraycopy(src, off, out, 0, len);
    return out;
  }

  /** Decrypts and authenticates an SRTP packet in place; returns the plain length or -1. */
  public int unprotectRtp(byte[] buf, int off, int len) {
    if (len < 12) {
      return -1;
    }
    int ssrc = readInt(buf, off + 8);
    try {
      int i = indexOf(inSsrcs, inCount, ssrc);
      if (i < 0) {
        i = addIn(ssrc);
      }
      SrtpErrorStatus st = inRtp[i].reverseTransformPacket(inView.set(buf, off, len), false);
      return st == SrtpErrorStatus.OK ? inView.getLength() : -1;
    } catch (GeneralSecurityException | RuntimeException e) {
      return -1;
    }
  }

  /** Decrypts and authenticates an SRTCP packet in place; returns the plain length or -1. */
  public int unprotectRtcp(byte[] buf, int off, int len) {
    if (len < 8) {
      return -1;
    }
    int ssrc = readInt(buf, off + 4);
    try {
      int i = indexOf(inSsrcs, inCount, ssrc);
      if (i < 0) {
        i = addIn(ssrc);
      }
      SrtpErrorStatus st = inRtcp[i].reverseTransformPacket(inView.set(buf, off, len));
      return st == SrtpErrorStatus.OK ? inView.getLength() : -1;
    } catch (GeneralSecurityException | RuntimeException e) {
      return -1;
    }
  }

  /** Encrypts an RTP packet in place (needs 16 spare bytes after it); returns length or -1. */
  public int protectRtp(byte[] buf, int off, int len) {
    if (len < 12) {
      return -1;
    }
    int ssrc = readInt(buf, off + 8);
    try {
      int i = indexOf(outSsrcs, outCount, ssrc);
      if (i < 0) {
        i = addOut(ssrc);
      }
      SrtpErrorStatus st = outRtp[i].transformPacket(outView.set(buf, off, len));
      return st == SrtpErrorStatus.OK ? outView.getLength() : -1;
    } catch (GeneralSecurityException | RuntimeException e) {
      return -1;
    }
  }

  /** Encrypts an RTCP packet in place (needs 20 spare bytes after it); returns length or -1. */
  public int protectRtcp(byte[] buf, int off, int len) {
    if (len < 8) {
      return -1;
    }
    int ssrc = readInt(buf, off + 4);
    try {
      int i = indexOf(outSsrcs, outCount, ssrc);
      if (i < 0) {
        i = addOut(ssrc);
      }
      SrtpErrorStatus st = outRtcp[i].transformPacket(outView.set(buf, off, len));
      return st == SrtpErrorStatus.OK ? outView.getLength() : -1;
    } catch (GeneralSecurityException | RuntimeException e) {
      return -1;
    }
  }

  private int addIn(int ssrc) throws GeneralSecurityException {
    int i = inCount < MAX_SSRCS ? inCount++ : Math.floorMod(ssrc, MAX_SSRCS);
    inSsrcs[i] = ssrc;
    inRtp[i] = inbound.deriveContext(ssrc, 0);
    inRtcp[i] = inbound.deriveControlContext(ssrc);
    return i;
  }

  private int addOut(int ssrc) throws GeneralSecurityException {
    int i = outCount < MAX_SSRCS ? outCount++ : Math.floorMod(ssrc, MAX_SSRCS);
    outSsrcs[i] = ssrc;
    outRtp[i] = outbound.deriveContext(ssrc, 0);
    outRtcp[i] = outbound.deriveControlContext(ssrc);
    return i;
  }

  private static int indexOf(int[] ssrcs, int count, int ssrc) {
    for (int i = 0; i < count; i++) {
      if (ssrcs[i] == ssrc) {
        return i;
      }
    }
    return -1;
  }

  private static int readInt(byte[] b, int o) {
    return ((b[o] & 0xff) << 24)
        | ((b[o + 1] & 0xff) << 16)
        | ((b[o + 2] & 0xff) << 8)
        | (b[o + 3] & 0xff);
  }

  /** Frees the crypto contexts. */
  public void close() {
    inbound.close();
    outbound.close();
  }
}
