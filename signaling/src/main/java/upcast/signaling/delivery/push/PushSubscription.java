package upcast.signaling.delivery.push;

import java.time.Instant;

/**
 * A browser's push subscription ({@code PushSubscription.toJSON()}): where to POST, and the keys to
 * encrypt for (RFC 8291 §2: {@code p256dh} public key, {@code auth} secret), base64url.
 */
public record PushSubscription(
    long id, long userId, String endpoint, String p256dh, String auth, Instant createdAt) {}
