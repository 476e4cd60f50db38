package upcast.sfu.client;

/**
 * The DTLS-SRTP protection profile a client offers (RFC 5764 §4.1.2, RFC 7714 §14.2): every profile
 * the SFU negotiates, in the SFU's order of preference.
 */
public enum SrtpProfile {
  AEAD_AES_128_GCM(upcast.sfu.srtp.SrtpProfile.AEAD_AES_128_GCM),
  AES128_CM_HMAC_SHA1_80(upcast.sfu.srtp.SrtpProfile.AES128_CM_HMAC_SHA1_80);

  private final upcast.sfu.srtp.SrtpProfile internal;

  SrtpProfile(upcast.sfu.srtp.SrtpProfile internal) {
    this.internal = internal;
  }

  /** Master key length in bytes. */
  public int keyLength() {
    return internal.keyLength;
  }

  /** Master salt length in bytes. */
  public int saltLength() {
    return internal.saltLength;
  }

  upcast.sfu.srtp.SrtpProfile internal() {
    return internal;
  }
}
