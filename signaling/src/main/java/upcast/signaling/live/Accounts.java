package upcast.signaling.live;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;
import upcast.signaling.domain.DomainException.Conflict;
import upcast.signaling.domain.DomainException.InvalidInput;
import upcast.signaling.domain.DomainException.NotAuthenticated;
import upcast.signaling.store.TokenStore;
import upcast.signaling.store.User;
import upcast.signaling.store.UserStore;

/**
 * Sign-up, sign-in and bearer tokens. Passwords are hashed with bcrypt (Bouncy Castle's
 * OpenBSDBCrypt, cost 10); tokens are 32 random bytes and only their SHA-256 is stored.
 */
public final class Accounts {
  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");
  private static final int BCRYPT_COST = 10;

  /** Hash compared against when the handle is unknown, so timing does not reveal handles. */
  private static final String DUMMY_HASH =
      OpenBSDBCrypt.generate("not a password".toCharArray(), new byte[16], BCRYPT_COST);

  private final UserStore users;
  private final TokenStore tokens;
  private final SecureRandom random = new SecureRandom();

  private final List<Consumer<User>> signUpListeners = new CopyOnWriteArrayList<>();

  /** Tells {@code l} of every new user, after the account exists (pending follows resolve). */
  public void addSignUpListener(Consumer<User> l) {
    signUpListeners.add(l);
  }

  public Accounts(UserStore users, TokenStore tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  /** A signed-in user and a new token. */
  public record Session(User user, String token) {}

  public Session signUp(@Nullable String handle, @Nullable String password)
      throws InvalidInput, Conflict {
    if (handle == null || !HANDLE.matcher(handle).matches()) {
      throw new InvalidInput("invalid_handle", "A handle is 1–15 letters, digits or underscores.");
    }
    checkPassword(password);
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String hash = // checkPassword refused null
        OpenBSDBCrypt.generate(requireNonNull(password).toCharArray(), salt, BCRYPT_COST);
    User user =
        users
            .create(handle, hash)
            .orElseThrow(
                () -> new Conflict("handle_taken", "The handle @" + handle + " is taken."));
    for (Consumer<User> l : signUpListeners) {
      l.accept(user);
    }
    return new Session(user, issueToken(user));
  }

  public Session signIn(@Nullable String handle, @Nullable String password)
      throws NotAuthenticated {
    if (handle == null || password == null || !HANDLE.matcher(handle).matches()) {
      throw new NotAuthenticated("Wrong handle or password.");
    }
    Optional<UserStore.Credentials> found = users.credentials(handle);
    String hash = found.map(UserStore.Credentials::passwordHash).orElse(DUMMY_HASH);
    boolean ok = OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    if (found.isEmpty() || !ok) {
      throw new NotAuthenticated("Wrong handle or password.");
    }
    User user = found.get().user();
    return new Session(user, issueToken(user));
  }

  /** The user a bearer token belongs to, if any. */
  public Optional<User> authenticate(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    return tokens.user(hash(token));
  }

  private static void checkPassword(@Nullable String password) throws InvalidInput {
    if (password == null || password.length() < 8 || password.length() > 200) {
      throw new InvalidInput("invalid_password", "A password is 8 to 200 characters.");
    }
  }

  private String issueToken(User user) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    tokens.add(hash(token), user.id());
    return token;
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
