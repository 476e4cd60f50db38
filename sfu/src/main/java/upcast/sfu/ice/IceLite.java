package upcast.sfu.ice;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The ICE-lite responder (RFC 8445 §2.5) and consent freshness (RFC 7675) for peers on a shared
 * port. It answers Binding requests, decides which address a peer uses, and says when a peer's
 * consent is gone; the sockets, the peers' indexes and the loop that calls it belong to its {@link
 * Host}. Not thread-safe: every call comes from the one thread that owns the peers.
 *
 * <p>Only a Binding request with a known USERNAME, a valid MESSAGE-INTEGRITY and FINGERPRINT gets a
 * success response and touches state (RFC 8445 §7.3, RFC 8489 §9.1.3). Anything else creates no
 * state: a bad FINGERPRINT means it is not STUN for us and is dropped silently (RFC 8489 §7.3,
 * §14.7); a request without USERNAME or MESSAGE-INTEGRITY gets 400; an unknown USERNAME or a wrong
 * MESSAGE-INTEGRITY gets 401, without MESSAGE-INTEGRITY (§9.1.3).
 */
public final class IceLite {
  /** What the responder needs from the layer that owns the sockets and the peers. */
  public interface Host {
    /** The open or closed peer whose local ufrag (first half of USERNAME) this is, or null. */
    @Nullable Peer peer(String localUfrag);

    /** Sends one datagram (a STUN response) to {@code to}. */
    void send(byte[] datagram, InetSocketAddress to);
  }

  /** One peer as ICE sees it. */
  public interface Peer {
    /** The remote ufrag from the peer's offer: the second half of USERNAME. */
    String remoteUfrag();

    /** The MESSAGE-INTEGRITY key of checks sent to us (RFC 8489 §9.2: short-term password). */
    byte[] passwordKey();

    boolean closed();

    Consent consent();

    /** The address media goes to, or null before the first authenticated check. */
    @Nullable InetSocketAddress selected();

    /** ICE selected {@code now} instead of {@code old} (null on the first check). */
    void select(@Nullable InetSocketAddress old, InetSocketAddress now);

    /** Frees the peer; {@code reason} is "ice timeout" or "consent expired" from here. */
    void close(String reason);
  }

  /**
   * The counters kept here: {@code ice_checks_answered}, {@code
   * ice_packets_dropped{reason=unauthenticated}}, {@code ice_consent_expired}, and {@code
   * transport_packets_dropped{reason=junk}} for what is not STUN at all.
   */
  public record Counters(
      LongAdder answered, LongAdder unauthenticated, LongAdder consentExpired, LongAdder junk) {}

  private final Host host;
  private final Counters counters;
  private final LongSupplier clock;
  private final long consentTimeoutMillis;

  /**
   * @param clock the current time in milliseconds (the SFU's clock; a counter in tests)
   * @param consentTimeoutMillis how long a peer keeps consent without an authenticated check (30 s
   *     in RFC 7675 §5.1); also how long a new peer may take to send its first one
   */
  public IceLite(Host host, Counters counters, LongSupplier clock, long consentTimeoutMillis) {
    this.host = host;
    this.counters = counters;
    this.clock = clock;
    this.consentTimeoutMillis = consentTimeoutMillis;
  }

  /** A datagram whose first byte says STUN (RFC 7983: 0–3) arrived from {@code from}. */
  public void onStun(byte[] buf, int off, int len, InetSocketAddress from) {
    if (!Stun.looksLikeStun(buf, off, len)) {
      counters.junk().increment();
      return;
    }
    int type = Stun.type(buf, off);
    if (type != Stun.BINDING_REQUEST) {
      // Indications (keepalives) need no answer; stray responses are not ours to take.
      if (type != Stun.BINDING_INDICATION) {
        counters.unauthenticated().increment();
      }
      return;
    }
    if (!Stun.verifyFingerprint(buf, off, len)) {
      counters.unauthenticated().increment();
      return;
    }
    String username = Stun.username(buf, off, len);
    if (username == null || Stun.find(buf, off, len, Stun.ATTR_MESSAGE_INTEGRITY) < 0) {
      counters.unauthenticated().increment();
      replyError(buf, off, 400, "Bad Request", from);
      return;
    }
    int colon = username.indexOf(':');
    Peer peer = colon <= 0 ? null : host.peer(username.substring(0, colon));
    if (peer == null
        || peer.closed()
        || !username.substring(colon + 1).equals(peer.remoteUfrag())
        || !Stun.verifyIntegrity(buf, off, len, peer.passwordKey())) {
      counters.unauthenticated().increment();
      replyError(buf, off, 401, "Unauthenticated", from);
      return;
    }
    counters.answered().increment();
    boolean useCandidate = Stun.find(buf, off, len, Stun.ATTR_USE_CANDIDATE) >= 0;
    onCheck(peer, from, useCandidate);
    reply(
        new Stun.Writer(Stun.BINDING_SUCCESS, buf, off + 8)
            .xorMappedAddress(from)
            .integrity(peer.passwordKey()),
        from);
  }

  /**
   * An authenticated check (RFC 8445 §7.3, RFC 7675) refreshes consent; the first one, or a
   * nominating one (USE-CANDIDATE) from another address, selects its address.
   */
  private void onCheck(Peer peer, InetSocketAddress from, boolean useCandidate) {
    peer.consent().refresh(clock.getAsLong());
    InetSocketAddress current = peer.selected();
    if (current == null || (useCandidate && !from.equals(current))) {
      peer.select(current, from);
    }
  }

  /**
   * RFC 7675: closes each of {@code peers} with no authenticated check for the consent timeout, or
   * that never had one within it of its creation. The caller runs it about once a second.
   */
  public void checkConsent(Iterable<? extends Peer> peers) {
    long now = clock.getAsLong();
    for (Peer peer : peers) {
      String expiry = peer.consent().expiry(now, consentTimeoutMillis);
      if (expiry != null) {
        counters.consentExpired().increment();
        peer.close(expiry);
      }
    }
  }

  private void replyError(byte[] request, int off, int code, String reason, InetSocketAddress to) {
    reply(new Stun.Writer(Stun.BINDING_ERROR, request, off + 8).errorCode(code, reason), to);
  }

  private void reply(Stun.Writer response, InetSocketAddress to) {
    host.send(response.fingerprintAndBuild(), to);
  }
}
