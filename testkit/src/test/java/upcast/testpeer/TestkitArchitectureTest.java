package upcast.testpeer;

import org.junit.jupiter.api.Test;

/** The test kit is built on the SFU's client surface only ({@link ClientSurface}). */
class TestkitArchitectureTest {

  @Test
  void theTestKitUsesOnlyTheClientSurface() {
    ClientSurface.onlyTheClientSurface("upcast.testpeer..")
        .check(ClientSurface.classesIn("upcast.testpeer"));
  }
}
