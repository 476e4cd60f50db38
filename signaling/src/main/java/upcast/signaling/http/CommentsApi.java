package upcast.signaling.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import upcast.signaling.chat.ChatRoom;
import upcast.signaling.chat.ChatService;
import upcast.signaling.chat.CommentView;
import upcast.signaling.chat.CommentsSetting;
import upcast.signaling.domain.AsciiDigits;
import upcast.signaling.domain.DomainException;
import upcast.signaling.live.Accounts;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.social.SocialService;
import upcast.signaling.store.BroadcastRecord;
import upcast.signaling.store.Comment;
import upcast.signaling.store.User;

/**
 * A broadcast's chat over REST: {@code GET /api/broadcasts/{id}/comments} (public, paged), and the
 * broadcaster's {@code POST /api/broadcasts/{id}/blocks} and {@code PATCH /api/broadcasts/{id}}
 * (who may comment). See docs/api.md "Comments".
 */
final class CommentsApi {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final Accounts accounts;
  private final BroadcastService broadcasts;
  private final ChatService chat;

  private final SocialService social;

  CommentsApi(
      Accounts accounts, BroadcastService broadcasts, ChatService chat, SocialService social) {
    this.accounts = accounts;
    this.broadcasts = broadcasts;
    this.chat = chat;
    this.social = social;
  }

  /**
   * {@code GET /api/broadcasts/{id}/viewers} (broadcaster only): signed-in viewers with the chat
   * open, each with whether the broadcaster follows them, and the anonymous count.
   */
  void viewers(String id, Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    BroadcastRecord b = owned(id, request);
    User me = Http.signedIn(accounts, request);
    ChatRoom.Audience audience = chat.audience(b.id());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("viewers", social.withFollowed(me, audience.signedIn()));
    body.put("anonymous", audience.anonymous());
    Http.json(response, callback, 200, body);
  }

  void list(String id, Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    BroadcastRecord b = broadcasts.find(id);
    long after = cursor(Http.query(request, "after"));
    int limit = limit(Http.query(request, "limit"));
    List<Comment> page = chat.comments(b.id(), after, limit + 1);
    boolean more = page.size() > limit;
    List<CommentView> out = new ArrayList<>();
    for (Comment c : more ? page.subList(0, limit) : page) {
      out.add(chat.commentView(c));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("comments", out);
    body.put("next", more ? Long.toString(page.get(limit - 1).id()) : null);
    body.put("hearts", broadcasts.find(id).hearts());
    Http.json(response, callback, 200, body);
  }

  void block(String id, Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    BroadcastRecord b = owned(id, request);
    String handle = Http.text(Http.jsonBody(request), "handle");
    if (handle == null || handle.isBlank()) {
      throw new ApiException(400, "invalid_handle", "Send {\"handle\": \"<who to block>\"}.");
    }
    List<String> removed = chat.block(b, handle).stream().map(String::valueOf).toList();
    Http.json(response, callback, 200, Map.of("blocked", handle, "removed", removed));
  }

  /** {@code PATCH /api/broadcasts/{id}}: today only {@code comments} can change. */
  void patch(String id, Request request, Response response, Callback callback)
      throws ApiException, DomainException {
    BroadcastRecord b = owned(id, request);
    JsonNode body = Http.jsonBody(request);
    CommentsSetting setting =
        CommentsSetting.parse(Http.text(body, "comments"))
            .orElseThrow(
                () ->
                    new ApiException(
                        400,
                        "invalid_comments",
                        "\"comments\" is one of everyone, followers or off."));
    chat.setComments(b, setting);
    Http.json(response, callback, 200, broadcasts.view(broadcasts.find(id)));
  }

  private BroadcastRecord owned(String id, Request request) throws ApiException, DomainException {
    User user = Http.signedIn(accounts, request);
    BroadcastRecord b = broadcasts.find(id);
    if (b.userId() != user.id()) {
      throw ApiException.forbidden("This broadcast is not yours.");
    }
    return b;
  }

  private static long cursor(String after) throws ApiException {
    if (after == null || after.isEmpty()) {
      return 0;
    }
    try {
      return AsciiDigits.parseLong(after);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "invalid_cursor", "\"after\" is a comment id from \"next\".");
    }
  }

  private static int limit(String limit) throws ApiException {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = AsciiDigits.parseInt(limit);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ApiException(400, "invalid_limit", "\"limit\" is 1 to " + MAX_LIMIT + ".");
  }
}
