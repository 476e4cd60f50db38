package upcast.sfu.srtp;

import java.security.SecureRandom;

/**
 * Makes the first SRTP use of a JVM happen off the media path. jitsi-srtp picks its AES engine per
 * transformation with a benchmark the first time a crypto context is derived (thousands of
 * encryptions with every engine it finds, Bouncy Castle's pure-Java GCM among them): about a second
 * on a 2-core machine. Whatever thread derives the first context pays it, and in the SFU that is
 * the media loop when the first publisher's first packet arrives, stalling every peer's media, ICE
 * and DTLS meanwhile (JFR: {@code SrtpSession.addIn} → {@code Aes.benchmark} on the loop).
 */
public final class SrtpWarmUp {
  private SrtpWarmUp() {}

  /**
   * Protects and unprotects one RTP and one RTCP packet with every profile, so each engine is
   * chosen and compiled. Blocks until done.
   *
   * @throws IllegalStateException if a round trip fails (SRTP would not work at all)
   */
  public static void run() {
    SecureRandom random = new SecureRandom();
    for (SrtpProfile p : SrtpProfile.values()) {
      byte[] key = new byte[p.keyLength];
      byte[] salt = new byte[p.saltLength];
      random.nextBytes(key);
      random.nextBytes(salt);
      SrtpSession sender = new SrtpSession(p, key, salt, key, salt);
      SrtpSession receiver = new SrtpSession(p, key, salt, key, salt);
      try {
        byte[] packet = new byte[256];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        int n = sender.protectRtp(packet, 0, 112);
        byte[] rtcp = new byte[256];
        rtcp[0] = (byte) 0x80;
        rtcp[1] = (byte) 200;
        int m = sender.protectRtcp(rtcp, 0, 28);
        if (n <= 0
            || receiver.unprotectRtp(packet, 0, n) != 112
            || m <= 0
            || receiver.unprotectRtcp(rtcp, 0, m) != 28) {
          throw new IllegalStateException("SRTP round trip failed for " + p);
        }
      } finally {
        sender.close();
        receiver.close();
      }
    }
  }

  /** Runs {@link #run} on a daemon thread, so start-up does not wait for it. */
  public static Thread inBackground() {
    Thread t = new Thread(SrtpWarmUp::run, "upcast-srtp-warm-up");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
