package upcast.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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
