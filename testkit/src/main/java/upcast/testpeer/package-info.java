/**
 * The test kit: in-process WebRTC peers that connect to a running SFU the way a browser does, over
 * real UDP on loopback, for the integration tests and the load generator.
 *
 * <ul>
 *   <li>{@link upcast.testpeer.TestPeer}: one peer (ICE controlling agent with consent refreshes,
 *       DTLS client, SRTP both ways, DTLS application data), publishing or viewing;
 *   <li>{@link upcast.testpeer.ChatClient}: a data channel (such as {@code chat}) opened on a
 *       connected peer, keeping the JSON the server sends;
 *   <li>{@link upcast.testpeer.SdpOffers} writes offers for a {@link upcast.testpeer.PeerIdentity};
 *       {@link upcast.testpeer.AnswerInfo} reads what a peer needs from the SFU's answer.
 * </ul>
 *
 * <p>It is built on the SFU's client surface ({@code upcast.sfu.client}) and nothing else of the
 * SFU; {@link upcast.testpeer.ClientSurface} is the ArchUnit rule that keeps it, the load generator
 * and the tests so.
 */
package upcast.testpeer;
