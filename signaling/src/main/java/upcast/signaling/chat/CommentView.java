package upcast.signaling.chat;

import upcast.signaling.store.Comment;

/**
 * A comment as clients see it, on the channel and in {@code GET /api/broadcasts/{id}/comments}: the
 * id as a string (JavaScript numbers lose 64-bit precision), times in epoch milliseconds.
 */
public record CommentView(String id, String author, String text, long at, long offsetMs) {
  static CommentView of(Comment c) {
    return new CommentView(
        Long.toString(c.id()), c.author(), c.text(), c.at().toEpochMilli(), c.offsetMs());
  }
}
