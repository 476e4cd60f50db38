package upcast.signaling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import upcast.signaling.domain.DomainException;

/** Domain refusals keep the HTTP statuses and error bodies clients have always seen. */
class DomainErrorsTest {
  @Test
  void everyKindHasItsStatusAndKeepsCodeAndMessage() {
    List<DomainException> all =
        List.of(
            new DomainException.NotFound("No such broadcast."),
            new DomainException.NotFound("not_live", "This broadcast has ended."),
            new DomainException.Conflict("already_live", "m"),
            new DomainException.InvalidInput("bad_sdp", "m"),
            new DomainException.NotAuthenticated("Wrong handle or password."),
            new DomainException.Busy("The chat is busy; try again."));
    List<Integer> statuses = List.of(404, 404, 409, 400, 401, 503);
    List<String> codes =
        List.of("not_found", "not_live", "already_live", "bad_sdp", "unauthorized", "busy");
    for (int i = 0; i < all.size(); i++) {
      ApiException api = DomainErrors.toApi(all.get(i));
      assertEquals(statuses.get(i), api.status(), codes.get(i));
      assertEquals(codes.get(i), api.code());
      assertEquals(all.get(i).getMessage(), api.getMessage());
    }
  }

  /** A new kind of refusal must get a status here, not fall through to a 500. */
  @Test
  void everyPermittedKindIsMapped() {
    List<Class<?>> mapped =
        List.of(
            DomainException.NotFound.class,
            DomainException.Conflict.class,
            DomainException.InvalidInput.class,
            DomainException.NotAuthenticated.class,
            DomainException.Busy.class);
    assertEquals(
        mapped.size(), DomainException.class.getPermittedSubclasses().length, "new kind unmapped");
    assertTrue(
        Arrays.stream(DomainException.class.getPermittedSubclasses()).allMatch(mapped::contains));
  }
}
