package upcast.sfu.srtp;

import org.bouncycastle.tls.SRTPProtectionProfile;
import org.jitsi.srtp.SrtpPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The DTLS-SRTP protection profiles we negotiate (RFC 5764 §4.1.2, RFC 7714 §14.2), in order of
 * preference: AES-GCM costs about half the CPU of AES-CM + HMAC-SHA1 per packet.
 */
public enum SrtpProfile {
  AEAD_AES_128_GCM(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, 16, 12),
  AES128_CM_HMAC_SHA1_80(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, 16, 14);

  /** The IANA value carried in the {@code use_srtp} extension. */
  public final int dtlsValue;

  public final int keyLength;
  public final int saltLength;

  SrtpProfile(int dtlsValue, int keyLength, int saltLength) {
    this.dtlsValue = dtlsValue;
    this.keyLength = keyLength;
    this.saltLength = saltLength;
  }

  /** The profile with that {@code use_srtp} value, or null. */
  public static @Nullable SrtpProfile fromDtlsValue(int value) {
    for (SrtpProfile p : values()) {
      if (p.dtlsValue == value) {
        return p;
      }
    }
    return null;
  }

  /** jitsi-srtp policy: GCM carries a 16-byte tag (RFC 7714 §8), CM-SHA1-80 a 10-byte one. */
  SrtpPolicy policy() {
    return this == AEAD_AES_128_GCM
        ? new SrtpPolicy(
            SrtpPolicy.AESGCM_ENCRYPTION,
            keyLength,
            SrtpPolicy.NULL_AUTHENTICATION,
            0,
            16,
            saltLength)
        : new SrtpPolicy(
            SrtpPolicy.AESCM_ENCRYPTION,
            keyLength,
            SrtpPolicy.HMACSHA1_AUTHENTICATION,
            20,
            10,
            saltLength);
  }
}
