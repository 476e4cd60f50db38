package upcast.signaling.store;

/** An account. */
public record User(long id, String handle) {}
