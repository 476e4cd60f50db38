package upcast.sfu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The protocol packages are leaves: RTP, SRTP, ICE, SDP, SCTP and DTLS code works on bytes and
 * strings handed to it, so it can be tested and changed on its own. Only {@code broadcast} and
 * {@code transport} assemble them into an SFU, and only {@code api} and {@code SfuServer} show it
 * to signaling; none of those may leak back into the protocols.
 */
class ArchitectureTest {
  private static final String[] PROTOCOLS = {
    "upcast.sfu.rtp..",
    "upcast.sfu.srtp..",
    "upcast.sfu.ice..",
    "upcast.sfu.sdp..",
    "upcast.sfu.sctp..",
    "upcast.sfu.dtls.."
  };

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("upcast.sfu");

  @Test
  void protocolsNeverDependOnTheSfuAssembledFromThem() {
    noClasses()
        .that()
        .resideInAnyPackage(PROTOCOLS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "upcast.sfu.broadcast..", "upcast.sfu.transport..", "upcast.sfu.api..", "upcast.sfu")
        .because(
            "protocol code is assembled by broadcast and transport and exposed by api and"
                + " SfuServer; a protocol reaching back would tie it to one SFU")
        .check(classes);
  }
}
