package upcast.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import upcast.signaling.http.ApiException;

/**
 * Signaling reaches the media plane only through its API ({@code upcast.sfu.api}) and the one
 * factory, {@code upcast.sfu.SfuServer}: the SFU's internals can change without touching it. Within
 * signaling, Jetty and HTTP statuses stay in the {@code http} and {@code ws} layers: the domain
 * ({@code live}, {@code social}, {@code delivery}, {@code chat}, {@code notify}, {@code store})
 * refuses with {@code DomainException}s and knows no transport.
 */
class ArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("upcast");

  private static final DescribedPredicate<JavaClass> SFU_INTERNALS =
      new DescribedPredicate<>("upcast.sfu classes other than upcast.sfu.api.. and SfuServer") {
        @Override
        public boolean test(JavaClass c) {
          String name = c.getName();
          return name.startsWith("upcast.sfu.")
              && !name.startsWith("upcast.sfu.api.")
              && !name.equals("upcast.sfu.SfuServer");
        }
      };

  @Test
  void signalingUsesOnlyTheSfuApiAndItsFactory() {
    noClasses()
        .that()
        .resideInAPackage("upcast.signaling..")
        .should()
        .dependOnClassesThat(SFU_INTERNALS)
        .check(classes);
  }

  @Test
  void onlyTheServerConstructsTheSfu() {
    noClasses()
        .that()
        .resideInAPackage("upcast.signaling..")
        .and()
        .doNotHaveFullyQualifiedName("upcast.signaling.UpcastServer")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("upcast.sfu.SfuServer")
        .check(classes);
  }

  @Test
  void onlyTheWebLayersAndTheServerUseJetty() {
    noClasses()
        .that()
        .resideInAPackage("upcast.signaling..")
        .and()
        .resideOutsideOfPackages("upcast.signaling.http..", "upcast.signaling.ws..")
        .and()
        .doNotHaveFullyQualifiedName("upcast.signaling.UpcastServer")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.jetty..")
        .because(
            "HTTP and WebSocket handling live in http and ws; UpcastServer is the composition"
                + " root, which creates Jetty's Server and connector and chains the WebSocket"
                + " upgrade in front of the Router, a wiring that belongs to neither layer alone")
        .check(classes);
  }

  @Test
  void httpErrorsStayInTheWebLayers() {
    noClasses()
        .that()
        .resideInAPackage("upcast.signaling..")
        .and()
        .resideOutsideOfPackages("upcast.signaling.http..", "upcast.signaling.ws..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(ApiException.class)
        .because("domain code throws DomainExceptions; only http and ws give them a status")
        .check(classes);
  }

  @Test
  void theDomainKnowsNoWebLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "upcast.signaling.live..",
            "upcast.signaling.social..",
            "upcast.signaling.delivery..",
            "upcast.signaling.chat..",
            "upcast.signaling.notify..",
            "upcast.signaling.store..",
            "upcast.signaling.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("upcast.signaling.http..", "upcast.signaling.ws..")
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
