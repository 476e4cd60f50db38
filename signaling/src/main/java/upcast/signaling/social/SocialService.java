package upcast.signaling.social;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import upcast.signaling.domain.AsciiDigits;
import upcast.signaling.domain.DomainException.Conflict;
import upcast.signaling.domain.DomainException.InvalidInput;
import upcast.signaling.domain.DomainException.NotFound;
import upcast.signaling.live.BroadcastService;
import upcast.signaling.live.BroadcastView;
import upcast.signaling.store.BroadcastStore;
import upcast.signaling.store.FollowStore;
import upcast.signaling.store.PendingFollowStore;
import upcast.signaling.store.User;
import upcast.signaling.store.UserProfile;
import upcast.signaling.store.UserStore;

/**
 * The social graph: profiles, follows, a linked X/Twitter account, and imports of whom a user
 * follows elsewhere (docs/api.md "Profiles and follows"). Imported people not on Upcast yet stay
 * pending and are followed when they sign up or link their X account.
 */
public final class SocialService {
  /** Most users one page of followers/following holds. */
  public static final int MAX_PAGE = 200;

  private static final Pattern X_HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");
  private static final Pattern X_ID = Pattern.compile("[0-9]{1,20}");
  private static final int RECENT_BROADCASTS = 20;

  private final UserStore users;
  private final FollowStore follows;
  private final PendingFollowStore pending;
  private final BroadcastService broadcasts;
  private final BroadcastStore broadcastStore;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public SocialService(
      UserStore users,
      FollowStore follows,
      PendingFollowStore pending,
      BroadcastService broadcasts,
      BroadcastStore broadcastStore,
      Clock clock) {
    this.users = users;
    this.follows = follows;
    this.pending = pending;
    this.broadcasts = broadcasts;
    this.broadcastStore = broadcastStore;
    this.clock = clock;
  }

  /** A profile as JSON; {@code viewer} (may be null) decides {@code followedByMe}. */
  public Map<String, Object> profile(String handle, @Nullable User viewer) throws NotFound {
    UserProfile p = find(handle);
    long id = p.user().id();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("handle", p.user().handle());
    out.put("createdAt", p.createdAt().toString());
    out.put("followers", follows.followerCount(id));
    out.put("following", follows.followingCount(id));
    out.put("live", broadcasts.liveOf(p.user()).map(broadcasts::view).orElse(null));
    out.put(
        "broadcasts",
        broadcastStore.ofUser(id, RECENT_BROADCASTS).stream().map(broadcasts::view).toList());
    out.put(
        "x",
        p.xAccountId() == null ? null : Map.of("handle", p.xHandle(), "accountId", p.xAccountId()));
    if (viewer != null) {
      out.put("followedByMe", viewer.id() != id && follows.isFollowing(viewer.id(), id));
    }
    return out;
  }

  /** Follows {@code handle}; idempotent. Returns the followee's new follower count. */
  public long follow(User me, String handle) throws NotFound, InvalidInput {
    User target = find(handle).user();
    if (target.id() == me.id()) {
      throw new InvalidInput("cannot_follow_self", "You cannot follow yourself.");
    }
    follows.follow(me.id(), target.id(), clock.instant());
    return follows.followerCount(target.id());
  }

  /** Unfollows {@code handle}; idempotent. Returns the followee's new follower count. */
  public long unfollow(User me, String handle) throws NotFound {
    User target = find(handle).user();
    follows.unfollow(me.id(), target.id());
    return follows.followerCount(target.id());
  }

  /** Mutes (or unmutes) go-live notifications from someone you follow; a conflict if you do not. */
  public void mute(User me, String handle, boolean muted) throws NotFound, Conflict {
    User target = find(handle).user();
    if (!follows.setMuted(me.id(), target.id(), muted)) {
      throw new Conflict(
          "not_following", "You do not follow @" + target.handle() + ": nothing to mute.");
    }
  }

  /** A page of followers or of those followed: {@code {"users": [...], "next": cursor|null}}. */
  public Map<String, Object> page(String handle, boolean followers, String cursor, int limit)
      throws NotFound, InvalidInput {
    long id = find(handle).user().id();
    long after;
    try {
      after = cursor == null || cursor.isEmpty() ? 0 : AsciiDigits.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new InvalidInput("invalid_cursor", "\"cursor\" is a \"next\" from a page.");
    }
    List<User> page =
        followers
            ? follows.followers(id, after, limit + 1)
            : follows.following(id, after, limit + 1);
    boolean more = page.size() > limit;
    List<User> shown = more ? page.subList(0, limit) : page;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("users", shown.stream().map(u -> Map.of("handle", u.handle())).toList());
    out.put("next", more ? Long.toString(shown.get(shown.size() - 1).id()) : null);
    return out;
  }

  /** Links (or re-links) the user's X account; a conflict if another user linked it. */
  public void linkX(User me, @Nullable String xHandle, @Nullable String accountId)
      throws InvalidInput, Conflict {
    String h = xHandle != null && xHandle.startsWith("@") ? xHandle.substring(1) : xHandle;
    if (h == null || !X_HANDLE.matcher(h).matches()) {
      throw new InvalidInput(
          "invalid_x_handle", "An X handle is 1–15 letters, digits or underscores.");
    }
    if (accountId == null || !X_ID.matcher(accountId).matches()) {
      throw new InvalidInput(
          "invalid_x_account_id", "An X account id is 1–20 digits (see your archive).");
    }
    if (!users.linkX(me.id(), h, accountId)) {
      throw new Conflict("x_account_taken", "Another Upcast user has linked this X account.");
    }
    resolvePending(me, h.toLowerCase(Locale.ROOT), accountId);
  }

  public void unlinkX(User me) {
    users.linkX(me.id(), null, null);
  }

  /** A new user: everyone who imported them while they were not here follows them now. */
  public void onSignUp(User u) {
    resolvePending(u, null, null);
  }

  private void resolvePending(User u, @Nullable String xHandleKey, @Nullable String xAccountId) {
    List<Long> importers =
        pending.take(u.handle().toLowerCase(Locale.ROOT), xHandleKey, xAccountId);
    for (long importer : importers) {
      if (importer != u.id()) {
        follows.follow(importer, u.id(), clock.instant());
      }
    }
  }

  /** Imports an X archive's {@code following.js}: follows by linked X account id. */
  public ImportReport importArchive(User me, String text) throws InvalidInput {
    ImportFile file = parsed(() -> XArchive.parse(json, text));
    Map<String, User> found = users.byXAccountIds(file.values);
    return apply(me, file, found, PendingFollowStore.X_ID);
  }

  /** Imports a CSV of handles: follows by Upcast handle or linked X handle. */
  public ImportReport importCsv(User me, String text) throws InvalidInput {
    ImportFile file = parsed(() -> HandleCsv.parse(text));
    Map<String, User> found = users.byHandles(file.values);
    return apply(me, file, found, PendingFollowStore.HANDLE);
  }

  private ImportReport apply(User me, ImportFile file, Map<String, User> found, String kind) {
    Set<Long> already =
        follows.followedAmong(me.id(), found.values().stream().map(User::id).toList());
    List<Long> toFollow = new ArrayList<>();
    List<String> notHere = new ArrayList<>();
    int alreadyFollowing = 0;
    Map<Long, Boolean> seen = new HashMap<>();
    for (String v : new java.util.LinkedHashSet<>(file.values)) {
      User u = found.get(v);
      if (u == null) {
        notHere.add(v);
      } else if (u.id() == me.id() || seen.putIfAbsent(u.id(), true) != null) {
        // yourself, or the same person twice (handle and X handle): skipped
      } else if (already.contains(u.id())) {
        alreadyFollowing++;
      } else {
        toFollow.add(u.id());
      }
    }
    int matched = follows.followAll(me.id(), toFollow, clock.instant());
    int pendingCount = pending.addAll(me.id(), kind, notHere, clock.instant());
    return new ImportReport(
        matched, alreadyFollowing, pendingCount, file.invalid, List.copyOf(file.problems));
  }

  /** The handles of {@code users}, each with whether {@code me} follows them. */
  public List<Map<String, Object>> withFollowed(User me, List<User> users) {
    Set<Long> followed = follows.followedAmong(me.id(), users.stream().map(User::id).toList());
    return users.stream()
        .map(
            u ->
                Map.<String, Object>of(
                    "handle", u.handle(), "followedByMe", followed.contains(u.id())))
        .toList();
  }

  /** Live broadcasts for {@code viewer}: those of people they follow first, each marked. */
  public List<BroadcastView> liveFor(@Nullable User viewer, List<BroadcastView> live) {
    if (viewer == null || live.isEmpty()) {
      return live;
    }
    Map<String, User> byHandle =
        users.byHandles(
            live.stream().map(b -> b.broadcaster().handle().toLowerCase(Locale.ROOT)).toList());
    Set<Long> followed =
        follows.followedAmong(viewer.id(), byHandle.values().stream().map(User::id).toList());
    List<BroadcastView> marked = new ArrayList<>();
    for (BroadcastView b : live) {
      User u = byHandle.get(b.broadcaster().handle().toLowerCase(Locale.ROOT));
      marked.add(b.withFollowed(u != null && followed.contains(u.id())));
    }
    marked.sort(Comparator.comparing((BroadcastView b) -> !Boolean.TRUE.equals(b.followed())));
    return marked;
  }

  private UserProfile find(String handle) throws NotFound {
    if (handle == null || !X_HANDLE.matcher(handle).matches()) {
      throw new NotFound("No such user.");
    }
    return users.profile(handle).orElseThrow(() -> new NotFound("No user @" + handle + "."));
  }

  private interface Parse {
    ImportFile run() throws ImportException;
  }

  private static ImportFile parsed(Parse p) throws InvalidInput {
    try {
      return p.run();
    } catch (ImportException e) {
      throw new InvalidInput("invalid_import", "Line " + e.line() + ": " + e.getMessage());
    }
  }
}
