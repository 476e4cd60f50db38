/**
 * SDP offers in, SDP answers out (RFC 8866 syntax, JSEP RFC 8829 semantics, WebRTC's BUNDLE and
 * rtcp-mux). Maven Central has no maintained SDP library: JAIN-SDP (javax.sdp / nist) dates from
 * 2006 and models none of ICE, DTLS fingerprints, BUNDLE or extmap, so the small subset WebRTC uses
 * is parsed here.
 */
package upcast.sfu.sdp;
