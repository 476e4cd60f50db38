package upcast.sfu.dtls;

import upcast.sfu.srtp.SrtpProfile;
import upcast.sfu.srtp.SrtpSession;

/**
 * What a completed DTLS-SRTP handshake yields: the chosen profile and the exported keying material
 * (RFC 5764 §4.2, exporter label {@code EXTRACTOR-dtls_srtp}).
 */
@SuppressWarnings("ArrayRecordComponent") // the key material, handed over once
public record DtlsSrtpKeys(SrtpProfile profile, byte[] material, boolean server) {

  public SrtpSession newSession() {
    return SrtpSession.fromKeyingMaterial(profile, material, server);
  }
}
