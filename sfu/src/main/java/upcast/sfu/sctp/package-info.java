/**
 * A self-contained SCTP stack for WebRTC data channels: the subset of SCTP (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260">RFC 9260</a>) that <a
 * href="https://www.rfc-editor.org/rfc/rfc8831#section-6">RFC 8831 §6</a> needs, stream reset (<a
 * href="https://www.rfc-editor.org/rfc/rfc6525">RFC 6525</a>) to close channels, and DCEP (<a
 * href="https://www.rfc-editor.org/rfc/rfc8832">RFC 8832</a>).
 *
 * <p>Nothing here owns a thread or a socket. An {@link upcast.sfu.sctp.SctpAssociation} is driven
 * by inbound packets, by timers it schedules through {@link upcast.sfu.sctp.SctpTimers}, and by API
 * calls, all on one thread; its packets leave through {@link upcast.sfu.sctp.SctpLowerLayer}, which
 * in production is DTLS application data (<a href="https://www.rfc-editor.org/rfc/rfc8261">RFC
 * 8261</a>: one SCTP packet per DTLS record). Every buffer is capped; bad input is dropped and
 * counted, never thrown.
 */
package upcast.sfu.sctp;
