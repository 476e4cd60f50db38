package upcast.signaling.http;

import upcast.signaling.domain.DomainException;

/**
 * The one place a domain refusal gets its HTTP status. The JSON body keeps the domain's code and
 * message, so clients see exactly what the domain said (docs/api.md "Errors").
 */
final class DomainErrors {
  private DomainErrors() {}

  static ApiException toApi(DomainException e) {
    return new ApiException(status(e), e.code(), e.getMessage());
  }

  static int status(DomainException e) {
    if (e instanceof DomainException.NotFound) {
      return 404;
    } else if (e instanceof DomainException.Conflict) {
      return 409;
    } else if (e instanceof DomainException.InvalidInput) {
      return 400;
    } else if (e instanceof DomainException.NotAuthenticated) {
      return 401;
    } else if (e instanceof DomainException.Busy) {
      return 503;
    }
    // Unreachable while DomainException stays sealed; DomainErrorsTest covers every subclass.
    throw new IllegalArgumentException("no status for " + e.code());
  }
}
