package upcast.signaling.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryConfigTest {
  @Test
  void defaultsRefusePrivateTargetsAndDeliver() {
    DeliveryConfig c = DeliveryConfig.fromEnv(Map.of());
    assertFalse(c.allowPrivateTargets());
    assertFalse(c.paused());
    assertEquals(10, c.maxAttempts());
    assertTrue(c.vapidSubject().startsWith("mailto:"));
  }

  @Test
  void readsTheDocumentedVariables() {
    DeliveryConfig c =
        DeliveryConfig.fromEnv(
            Map.of(
                "UPCAST_WEBHOOKS_ALLOW_PRIVATE", "true",
                "UPCAST_DELIVERY_PAUSED", "1",
                "UPCAST_VAPID_SUBJECT", "https://upcast.example/contact"));
    assertTrue(c.allowPrivateTargets());
    assertTrue(c.paused());
    assertEquals("https://upcast.example/contact", c.vapidSubject());
  }

  @Test
  void namesTheBadVariable() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DeliveryConfig.fromEnv(Map.of("UPCAST_WEBHOOKS_ALLOW_PRIVATE", "maybe")));
    assertTrue(
        String.valueOf(e.getMessage()).contains("UPCAST_WEBHOOKS_ALLOW_PRIVATE"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DeliveryConfig.fromEnv(Map.of("UPCAST_VAPID_SUBJECT", "ops@example.org")));
    assertTrue(String.valueOf(e.getMessage()).contains("UPCAST_VAPID_SUBJECT"), e.getMessage());
  }
}
