package upcast.signaling.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard: internal addresses and odd URLs refused, public ones allowed. No real DNS. */
class TargetGuardTest {
  /** Answers like DNS for a few names; IP literals are parsed, never looked up. */
  private static InetAddress[] resolve(String host) throws UnknownHostException {
    return switch (host) {
      case "hooks.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
      case "rebound.example.com" ->
          new InetAddress[] {
            InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")
          };
      case "localhost" -> InetAddress.getAllByName("localhost");
      default -> {
        if (host.matches("[0-9a-fA-F.:]+")) {
          yield new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
      }
    };
  }

  private final TargetGuard guard = new TargetGuard(false, TargetGuardTest::resolve);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://127.1.2.3:8080/hook",
        "http://10.0.0.5/hook",
        "http://172.16.0.1/hook",
        "http://172.31.255.255/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "http://[fc00::abcd]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://[::]/hook",
        "http://224.0.0.1/hook",
        "http://[ff02::1]/hook",
        "http://100.64.0.1/hook",
        "http://255.255.255.255/hook",
        "http://localhost:8080/hook",
        "http://rebound.example.com/hook",
      })
  void refusesInternalTargets(String url) {
    var e = assertThrows(TargetGuard.UnsafeTargetException.class, () -> guard.check(url, false));
    assertTrue(e.permanent(), e.getMessage());
    assertTrue(String.valueOf(e.getMessage()).contains("internal address"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://hooks.example.com/x",
        "file:///etc/passwd",
        "gopher://hooks.example.com/",
        "http:///nohost",
        "http://user:pass@hooks.example.com/",
        "http://hooks.example.com/#frag",
        "not a url",
        "",
      })
  void refusesMalformedOrNonHttpUrls(String url) {
    assertThrows(TargetGuard.UnsafeTargetException.class, () -> guard.check(url, false));
  }

  @Test
  void allowsPublicHttpAndHttps() {
    assertDoesNotThrow(() -> guard.check("https://hooks.example.com/upcast?x=1", false));
    assertDoesNotThrow(() -> guard.check("http://93.184.216.34:8080/hook", false));
  }

  @Test
  void pushEndpointsMustBeHttpsUnlessPrivateTargetsAreAllowed() {
    assertThrows(
        TargetGuard.UnsafeTargetException.class,
        () -> guard.check("http://hooks.example.com/push", true));
    assertDoesNotThrow(() -> guard.check("https://hooks.example.com/push", true));
    TargetGuard open = new TargetGuard(true, TargetGuardTest::resolve);
    assertDoesNotThrow(() -> open.check("http://127.0.0.1:9/push", true));
  }

  @Test
  void anUnresolvableNameIsWorthRetrying() {
    var e =
        assertThrows(
            TargetGuard.UnsafeTargetException.class,
            () -> guard.check("https://nowhere.invalid/x", false));
    assertFalse(e.permanent());
  }

  @Test
  void realResolverRefusesLocalhost() {
    TargetGuard real = new TargetGuard(false);
    assertThrows(
        TargetGuard.UnsafeTargetException.class, () -> real.check("http://localhost/x", false));
  }
}
