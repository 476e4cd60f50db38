package upcast.loadgen;

import org.junit.jupiter.api.Test;
import upcast.testpeer.ClientSurface;

/** The load generator drives the SFU through the client surface only ({@link ClientSurface}). */
class LoadgenArchitectureTest {

  @Test
  void theLoadGeneratorUsesOnlyTheClientSurface() {
    ClientSurface.onlyTheClientSurface("upcast.loadgen..")
        .check(ClientSurface.classesIn("upcast.loadgen"));
  }
}
