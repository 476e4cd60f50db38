package upcast.signaling.store;

import java.time.Instant;

/** A stored live comment; {@code offsetMs} is its time since the broadcast started. */
public record Comment(
    long id, long userId, String author, String text, Instant at, long offsetMs) {}
