package dev.cadenza.testsupport;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The module graph for ArchUnit rules. A class belongs to the module it was compiled in, told by
 * where it was loaded from ({@code <module>/target/classes} in the build, {@code
 * <module>-<version>.jar} from a repository), not by its package: packages such as {@code
 * dev.cadenza.credits} hold the ledger (data-access) and the credits activities (activities).
 */
public final class Modules {

  /** The main classes of the module under test (its own {@code target/classes}). */
  public static JavaClasses ownMainClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(Path.of("target", "classes"));
  }

  /** Classes of this project (dev.cadenza) compiled in none of {@code modules}. */
  public static DescribedPredicate<JavaClass> cadenzaClassesOutside(String... modules) {
    List<String> allowed = Arrays.asList(modules);
    return DescribedPredicate.describe("Cadenza classes of modules other than " + allowed, type -> {
      JavaClass c = type.getBaseComponentType(); // an array belongs where its elements do
      return c.getPackageName().startsWith("dev.cadenza")
          && allowed.stream().noneMatch(module -> isIn(c, module));
    });
  }

  private static boolean isIn(JavaClass c, String module) {
    return c.getSource()
        .map(source -> {
          String uri = source.getUri().toString();
          // target/classes of the reactor, or the module's jar in a repository
          return uri.contains("/" + module + "/target/classes/")
              || uri.contains("/" + module + "-0.")
              || uri.contains("/" + module + "/0.");
        })
        .orElse(false);
  }

  private Modules() {}
}
