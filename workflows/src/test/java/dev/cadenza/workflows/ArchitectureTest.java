package dev.cadenza.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Workflow code is deterministic and portable: Temporal SDK and its own records only. */
@AnalyzeClasses(
    packages = "dev.cadenza.workflows",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule workflowsDependOnTemporalOnly = classes()
      .should()
      .onlyDependOnClassesThat()
      .resideInAnyPackage(
          "dev.cadenza.workflows..",
          "io.temporal..",
          "java..",
          "com.fasterxml.jackson.annotation..");
}
