package upcast.signaling.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import upcast.signaling.store.BroadcastRecord;

/** The public JSON shape of a broadcast (docs/api.md). */
public record BroadcastView(
    String id,
    String title,
    Broadcaster broadcaster,
    boolean live,
    int viewers,
    String startedAt,
    @Nullable String endedAt,
    String watchUrl,
    String whepUrl,
    long hearts,
    String comments,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean followed) {

  /** Who broadcasts. */
  public record Broadcaster(String handle) {}

  public static BroadcastView of(BroadcastRecord b, int viewers) {
    return new BroadcastView(
        b.id(),
        b.title(),
        new Broadcaster(b.handle()),
        b.live(),
        b.live() ? viewers : 0,
        b.startedAt().toString(),
        b.endedAt() == null ? null : b.endedAt().toString(),
        "/b/" + b.id(),
        "/whep/" + b.id(),
        b.hearts(),
        b.comments(),
        null);
  }

  /** The same broadcast, saying whether the user asking follows its broadcaster. */
  public BroadcastView withFollowed(boolean f) {
    return new BroadcastView(
        id,
        title,
        broadcaster,
        live,
        viewers,
        startedAt,
        endedAt,
        watchUrl,
        whepUrl,
        hearts,
        comments,
        f);
  }
}
