package dev.cadenza.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Workflow code is deterministic and portable: Temporal SDK and its own records only, and no
 * I/O. What does I/O (the lane join's client call, every activity) lives in the activities
 * module.
 */
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

  @ArchTest
  static final ArchRule noIo = noClasses()
      .should()
      .dependOnClassesThat()
      .resideInAnyPackage("java.net..", "java.io..", "java.nio..", "java.sql..", "javax.sql..")
      .because("workflow code does no I/O: activities do");

  @ArchTest
  static final ArchRule noSleeping = noClasses()
      .should()
      .callMethod(Thread.class, "sleep", long.class)
      .orShould()
      .callMethod(Thread.class, "sleep", long.class, int.class)
      .orShould()
      .callMethod(Thread.class, "sleep", java.time.Duration.class)
      .because("a workflow waits with Workflow.sleep (a durable timer), never the thread");

  @ArchTest
  static final ArchRule noClientCalls = noClasses()
      .should()
      .dependOnClassesThat()
      .resideInAnyPackage("io.temporal.client..", "io.temporal.serviceclient..")
      .because("starting or signalling workflows from outside is an activity's job");

  @ArchTest
  static final ArchRule noActivityImplementations = noClasses()
      .should()
      .haveSimpleNameEndingWith("ActivitiesImpl")
      .because("activity implementations live in the activities module");
}
