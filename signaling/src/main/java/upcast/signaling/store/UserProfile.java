package upcast.signaling.store;

import java.time.Instant;

/** A user as their profile shows them; {@code xHandle}/{@code xAccountId} null unless linked. */
public record UserProfile(User user, Instant createdAt, String xHandle, String xAccountId) {}
