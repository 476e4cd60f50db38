package upcast.sfu.client;

import upcast.sfu.srtp.SrtpSession;
import upcast.sfu.srtp.SrtpWarmUp;

/**
 * SRTP and SRTCP for one peer, both ways (RFC 3711): what {@link DtlsClient#handshake} returns, or
 * made from given keys. Transforms packets in place. One thread may unprotect while another
 * protects; each direction itself is single-threaded.
 */
public final class Srtp {
  private final SrtpSession session;

  Srtp(SrtpSession session) {
    this.session = session;
  }

  /**
   * SRTP with given master keys and salts: {@code localKey}/{@code localSalt} protect what we send,
   * {@code remoteKey}/{@code remoteSalt} unprotect what we receive.
   */
  public static Srtp withKeys(
      SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {
    return new Srtp(
        new SrtpSession(profile.internal(), localKey, localSalt, remoteKey, remoteSalt));
  }

  /**
   * Makes this JVM's first SRTP use now, on the calling thread: the crypto library picks its AES
   * engine by benchmark the first time (about a second), which would otherwise land on whichever
   * peer first derives keys. Blocks until done.
   */
  public static void warmUp() {
    SrtpWarmUp.run();
  }

  /** Encrypts an RTP packet in place (needs 16 spare bytes after it); returns length or -1. */
  public int protectRtp(byte[] buf, int off, int len) {
    return session.protectRtp(buf, off, len);
  }

  /** Encrypts an RTCP packet in place (needs 20 spare bytes after it); returns length or -1. */
  public int protectRtcp(byte[] buf, int off, int len) {
    return session.protectRtcp(buf, off, len);
  }

  /** Decrypts and authenticates an SRTP packet in place; returns the plain length or -1. */
  public int unprotectRtp(byte[] buf, int off, int len) {
    return session.unprotectRtp(buf, off, len);
  }

  /** Decrypts and authenticates an SRTCP packet in place; returns the plain length or -1. */
  public int unprotectRtcp(byte[] buf, int off, int len) {
    return session.unprotectRtcp(buf, off, len);
  }

  /** Frees the crypto contexts. */
  public void close() {
    session.close();
  }
}
