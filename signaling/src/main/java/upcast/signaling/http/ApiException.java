package upcast.signaling.http;

/**
 * A request refused with a status and a JSON body {@code {"error": code, "message": text}}: the
 * HTTP layer's own refusals (routing, headers, bodies) and domain refusals once {@link
 * DomainErrors} gave them a status. Thrown only in {@code http} and {@code ws}, which render it.
 */
public final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }
}
