package upcast.signaling.domain;

/**
 * Numbers that clients write in URLs and headers: ASCII digits {@code 0-9} only. {@link
 * Long#parseLong} also takes a sign and any Unicode decimal digit ({@code ٣} is 3), so one value
 * could be spelt many ways and slip past checks, logs and caches keyed on its text (RFC 9110 §5.6.1
 * defines numeric fields with ASCII {@code DIGIT}s only).
 */
public final class AsciiDigits {
  /** 18 digits always fit in a {@code long}. */
  private static final int MAX_DIGITS = 18;

  private AsciiDigits() {}

  /**
   * The value of 1 to 18 ASCII digits.
   *
   * @throws NumberFormatException for anything else (a sign, a space, another script's digits)
   */
  public static long parseLong(String s) {
    if (s.isEmpty() || s.length() > MAX_DIGITS) {
      throw new NumberFormatException("not 1 to 18 digits");
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException("not an ASCII digit");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * The value of ASCII digits that fit an {@code int}.
   *
   * @throws NumberFormatException for anything else
   */
  public static int parseInt(String s) {
    long v = parseLong(s);
    if (v > Integer.MAX_VALUE) {
      throw new NumberFormatException("too large");
    }
    return (int) v;
  }
}
