package dev.cadenza.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The API starts, queries and cancels workflows; it never calls activity implementations or the
 * GPU fleet itself (only {@code api.gpu}, the wiring and the fleet status endpoint, {@code
 * api.worker}, the workers' own wiring, and {@code api.embedded} know them).
 */
@AnalyzeClasses(packages = "dev.cadenza.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule apiDoesNotReachIntoActivities = noClasses()
      .that()
      .resideOutsideOfPackages(
          "dev.cadenza.api.gpu..", "dev.cadenza.api.embedded..", "dev.cadenza.api.worker..")
      .should()
      .dependOnClassesThat()
      .haveSimpleNameEndingWith("ActivitiesImpl")
      .orShould()
      .dependOnClassesThat()
      .resideInAnyPackage("dev.cadenza.fleet..", "dev.cadenza.gpuworker..");
}
