package upcast.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import upcast.testpeer.ClientSurface;

/**
 * The integration, browser and interop tests reach the SFU through its client surface ({@link
 * ClientSurface}) and start an in-process one with its factory, {@code upcast.sfu.SfuServer}, as
 * signaling does. One exception, by name: {@link TransportTest} tests the transport layer alone
 * ({@code upcast.sfu.transport}, with its {@code upcast.sfu.metrics}) against real peers, which the
 * SFU's own tests cannot have (the test kit depends on the SFU).
 */
class TestsArchitectureTest {
  private static final String[] TESTS = {"upcast.it..", "upcast.e2e.."};
  private static final String SFU_FACTORY = "upcast.sfu.SfuServer";
  private static final String TRANSPORT_TEST = "upcast\\.it\\.TransportTest(\\$.*)?";

  private final JavaClasses classes = ClientSurface.classesIn("upcast.it", "upcast.e2e");

  @Test
  void theTestsUseOnlyTheClientSurfaceAndTheFactory() {
    noClasses()
        .that()
        .resideInAnyPackage(TESTS)
        .and()
        .haveNameNotMatching(TRANSPORT_TEST)
        .should()
        .dependOnClassesThat(ClientSurface.outside(SFU_FACTORY))
        .check(classes);
  }

  @Test
  void theTransportTestAlsoUsesTheTransportLayer() {
    noClasses()
        .that()
        .haveNameMatching(TRANSPORT_TEST)
        .should()
        .dependOnClassesThat(
            ClientSurface.outside(SFU_FACTORY, "upcast.sfu.transport.", "upcast.sfu.metrics."))
        .check(classes);
  }
}
