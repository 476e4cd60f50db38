package upcast.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Signaling reaches the media plane only through its API ({@code upcast.sfu.api}) and the one
 * factory, {@code upcast.sfu.SfuServer}: the SFU's internals can change without touching it.
 */
class ArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("upcast");

  @Test
  void signalingUsesOnlyTheSfuApi() {
    noClasses()
        .that()
        .resideInAPackage("upcast.signaling..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "upcast.sfu.transport..",
            "upcast.sfu.broadcast..",
            "upcast.sfu.sdp..",
            "upcast.sfu.rtp..",
            "upcast.sfu.srtp..",
            "upcast.sfu.dtls..",
            "upcast.sfu.ice..",
            "upcast.sfu.metrics..")
        .check(classes);
  }

  @Test
  void theSfuKnowsNothingOfSignaling() {
    noClasses()
        .that()
        .resideInAPackage("upcast.sfu..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("upcast.signaling..", "org.eclipse.jetty..", "com.fasterxml..")
        .check(classes);
  }
}
