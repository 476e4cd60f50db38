package upcast.signaling.chat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Who may comment on a broadcast. The broadcaster always may. */
public enum CommentsSetting {
  EVERYONE,
  FOLLOWERS,
  OFF;

  /** The name used in JSON and in the database. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CommentsSetting> parse(@Nullable String s) {
    for (CommentsSetting c : values()) {
      if (c.wireName().equals(s)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
