package upcast.signaling.store;

import java.time.Instant;

/** One inbox item as stored, with its broadcast's current state. */
public record NotificationRecord(
    long id,
    long userId,
    String kind,
    String broadcastId,
    String title,
    boolean live,
    String broadcaster,
    Instant at,
    boolean read) {}
