package dev.cadenza.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.cadenza.testsupport.Modules.cadenzaClassesOutside;
import static dev.cadenza.testsupport.Modules.ownMainClasses;

import org.junit.jupiter.api.Test;

/**
 * The API starts, queries and cancels workflows and reads and writes through data-access; it never
 * calls activity implementations, the workers' wiring, the GPU fleet client or the GPU worker (the
 * fleet status asks the workers over their gRPC contract). No exemptions: the build enforces the
 * same (maven-enforcer's bannedDependencies in api/pom.xml).
 */
class ArchitectureTest {

  @Test
  void theApiDependsOnTheContractsAndDataAccessOnly() {
    noClasses()
        .should()
        .dependOnClassesThat(cadenzaClassesOutside("api", "data-access", "workflows", "proto"))
        .because("api -> workflows (contracts), data-access, proto; never activities or gpu-worker")
        .check(ownMainClasses());
  }

  @Test
  void theApiRegistersNoWorkerAndImplementsNoActivity() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.temporal.worker..", "io.temporal.activity..")
        .because("workers and activities run in the worker processes (activities module)")
        .check(ownMainClasses());
  }
}
