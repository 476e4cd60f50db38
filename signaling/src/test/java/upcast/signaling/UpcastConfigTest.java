package upcast.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpcastConfigTest {

  @Test
  void defaults() throws Exception {
    UpcastConfig c = UpcastConfig.fromEnv(Map.of());
    assertEquals(8080, c.httpPort());
    assertEquals(10000, c.mediaPort());
    assertEquals(InetAddress.getByName("0.0.0.0"), c.bind());
    assertTrue(c.publicAddresses().isEmpty());
    assertEquals(Path.of("./data"), c.dataDir());
    assertNull(c.dbUrl());
  }

  @Test
  void readsEveryVariable() throws Exception {
    UpcastConfig c =
        UpcastConfig.fromEnv(
            Map.of(
                "UPCAST_HTTP_PORT", "9090",
                "UPCAST_MEDIA_PORT", "0",
                "UPCAST_BIND", "127.0.0.1",
                "UPCAST_PUBLIC_IP", "203.0.113.7, 2001:db8::1",
                "UPCAST_DATA_DIR", "/var/lib/upcast",
                "UPCAST_DB_URL", "jdbc:postgresql://db:5432/upcast",
                "UPCAST_DB_USER", "u",
                "UPCAST_DB_PASSWORD", "p"));
    assertEquals(9090, c.httpPort());
    assertEquals(0, c.mediaPort());
    assertEquals(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), c.bind());
    assertEquals(
        List.of(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("2001:db8::1")),
        c.publicAddresses());
    assertEquals(Path.of("/var/lib/upcast"), c.dataDir());
    assertEquals("jdbc:postgresql://db:5432/upcast", c.dbUrl());
    assertEquals("u", c.dbUser());
    assertEquals("p", c.dbPassword());
  }

  @ParameterizedTest
  @CsvSource({
    "UPCAST_HTTP_PORT, http",
    "UPCAST_HTTP_PORT, 65536",
    "UPCAST_MEDIA_PORT, -1",
    "UPCAST_BIND, localhost",
    "UPCAST_BIND, 300.1.1.1",
    "UPCAST_PUBLIC_IP, example.com",
    "UPCAST_PUBLIC_IP, cafe",
    "UPCAST_DB_URL, jdbc:mysql://db/upcast",
    "UPCAST_PUBLIC_URL, upcast.example.com",
    "UPCAST_PUBLIC_URL, ftp://upcast.example.com",
    "UPCAST_PUBLIC_URL, https://upcast.example.com/sub",
    "UPCAST_PUBLIC_URL, https://upcast.example.com/?a=b"
  })
  void badValuesNameTheVariable(String name, String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> UpcastConfig.fromEnv(Map.of(name, value)));
    assertTrue(String.valueOf(e.getMessage()).contains(name), e.getMessage());
  }

  @Test
  void withersChangeOneThing() throws Exception {
    UpcastConfig base = UpcastConfig.forTests(Path.of("d"));
    InetAddress any = InetAddress.getByName("0.0.0.0");
    assertEquals(8080, base.withHttpPort(8080).httpPort());
    assertEquals(10000, base.withMediaPort(10000).mediaPort());
    assertEquals(any, base.withBind(any).bind());
    assertEquals(List.of(), base.withPublicAddresses(List.of()).publicAddresses());
    assertEquals(Path.of("e"), base.withDataDir(Path.of("e")).dataDir());
    assertEquals(base.bind(), base.withHttpPort(1).bind());
    assertEquals(
        java.net.URI.create("https://u.example"),
        base.withPublicUrl(java.net.URI.create("https://u.example/")).publicUrl());
  }

  @Test
  void publicUrlIsOptionalAndLosesItsTrailingSlash() {
    assertEquals(null, UpcastConfig.fromEnv(Map.of()).publicUrl());
    assertEquals(
        "https://upcast.example.com:8443",
        String.valueOf(
            UpcastConfig.fromEnv(Map.of("UPCAST_PUBLIC_URL", "https://upcast.example.com:8443/"))
                .publicUrl()));
  }
}
