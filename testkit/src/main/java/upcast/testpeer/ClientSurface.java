package upcast.testpeer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The ArchUnit rule that keeps the test kit, the load generator and the tests on the SFU's
 * supported surfaces: from {@code upcast.sfu..} they use only {@code upcast.sfu.api..} (the SFU as
 * its host sees it) and {@code upcast.sfu.client..} (the client side of the stack). Each of those
 * modules checks its own classes, main and test, in a test of its own; the rule lives here so the
 * three say the same. Needs ArchUnit on the test classpath (the test kit does not pass it on).
 */
public final class ClientSurface {
  private static final List<String> SURFACE = List.of("upcast.sfu.api.", "upcast.sfu.client.");

  private ClientSurface() {}

  /**
   * Main and test classes in those packages (and below) from class directories: a module's own, not
   * those of the jars it depends on.
   */
  public static JavaClasses classesIn(String... packages) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(packages);
  }

  /**
   * No class in {@code packages} (ArchUnit package identifiers such as {@code "upcast.loadgen.."})
   * uses an {@code upcast.sfu} class outside the surface.
   */
  public static ArchRule onlyTheClientSurface(String... packages) {
    return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat(outside());
  }

  /**
   * The {@code upcast.sfu} classes outside the surface and outside {@code alsoAllowed} (class
   * names, or package prefixes ending in a dot), for a module's own exceptions.
   */
  public static DescribedPredicate<JavaClass> outside(String... alsoAllowed) {
    String also = alsoAllowed.length == 0 ? "" : " and " + String.join(", ", alsoAllowed);
    return new DescribedPredicate<>(
        "are in upcast.sfu but outside upcast.sfu.api.., upcast.sfu.client.." + also) {
      @Override
      public boolean test(JavaClass c) {
        String name = c.getName();
        if (!name.startsWith("upcast.sfu.")) {
          return false;
        }
        for (String allowed : SURFACE) {
          if (name.startsWith(allowed)) {
            return false;
          }
        }
        for (String allowed : alsoAllowed) {
          if (allowed.endsWith(".") ? name.startsWith(allowed) : name.equals(allowed)) {
            return false;
          }
        }
        return true;
      }
    };
  }
}
