package upcast.sfu.sctp;

/**
 * What an INIT ACK's State Cookie carries (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-5.1.3">RFC 9260 §5.1.3</a>): enough of the
 * INIT to build the association when the COOKIE ECHO comes back, plus the creation time and
 * lifespan. {@link StateCookieSigner} serializes and signs it.
 */
record StateCookie(
    long createdMillis,
    int lifespanMillis,
    int localTag,
    int peerTag,
    int localInitialTsn,
    int peerInitialTsn,
    long peerWindow,
    int peerOutboundStreams,
    int peerInboundStreams,
    boolean peerSupportsReconfig) {}
