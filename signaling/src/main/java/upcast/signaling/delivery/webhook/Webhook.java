package upcast.signaling.delivery.webhook;

import java.time.Instant;

/** A user's webhook: the URL POSTed to when anyone the user follows goes live, and its key. */
public record Webhook(String id, long userId, String url, String secret, Instant createdAt) {}
