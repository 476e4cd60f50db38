/**
 * The client side of the stack: the supported surface for anything that connects to an SFU as a
 * peer, playing the browser's part. Today that is the test kit ({@code upcast.testpeer}), the load
 * generator ({@code upcast.loadgen}) and the integration tests; later an edge node subscribing to
 * an origin. Code outside {@code sfu/} uses {@code upcast.sfu.api} and this package only (an
 * ArchUnit rule in those modules checks it), so the SFU's internals can change behind it.
 *
 * <p>These are thin facades over the protocol code the SFU itself runs; nothing here owns a socket
 * or a thread. A peer sends and receives its own datagrams and demultiplexes them by their first
 * byte (RFC 7983): STUN to {@link upcast.sfu.client.IceCheck}, DTLS to {@link
 * upcast.sfu.client.DtlsClient}, SRTP and SRTCP to the {@link upcast.sfu.client.Srtp} the handshake
 * returned.
 *
 * <ul>
 *   <li>{@link upcast.sfu.client.IceCheck}: connectivity checks as the controlling agent (RFC 8445
 *       §7.2.4, with USE-CANDIDATE) and consent refreshes (RFC 7675); reading the server's
 *       responses; answering a server's checks as an ICE-lite agent (servers such as Janus that
 *       check their viewers).
 *   <li>{@link upcast.sfu.client.ClientCertificate} and {@link upcast.sfu.client.DtlsClient}: the
 *       DTLS client handshake (RFC 5764, DTLS 1.2) offering one {@link
 *       upcast.sfu.client.SrtpProfile} and verifying the server's sha-256 fingerprint from its SDP
 *       answer; afterwards DTLS application data (what SCTP rides on) and close_notify.
 *   <li>{@link upcast.sfu.client.Srtp}: SRTP and SRTCP both ways (RFC 3711, RFC 7714), keyed from
 *       the handshake's exported keys (RFC 5764 §4.2) or from given keys.
 *   <li>{@link upcast.sfu.client.SctpClient}: an SCTP association in the client role with DCEP data
 *       channels (RFC 8831, RFC 8832) over the DTLS application data.
 *   <li>{@link upcast.sfu.client.RtpPackets} and {@link upcast.sfu.client.LossCounter}: reading
 *       received RTP (RFC 3550, RFC 8285 header extensions) and counting its loss.
 * </ul>
 *
 * <p>SDP is not here: a client writes its offer and reads the answer's ICE credentials, candidate
 * and fingerprint itself (the test kit's {@code SdpOffers} and {@code AnswerInfo}).
 */
package upcast.sfu.client;
