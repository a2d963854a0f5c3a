package dev.cadenza.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.cadenza.testsupport.Modules.cadenzaClassesOutside;
import static dev.cadenza.testsupport.Modules.ownMainClasses;

import org.junit.jupiter.api.Test;

/**
 * The activities and the workers' wiring use the workflow contracts, data access and the GPU
 * workers' gRPC contract: never the GPU worker itself (reached over gRPC only), never the API.
 */
class ActivitiesArchitectureTest {

  @Test
  void dependsOnContractsDataAccessAndProtoOnly() {
    noClasses()
        .should()
        .dependOnClassesThat(
            cadenzaClassesOutside("activities", "data-access", "workflows", "proto"))
        .check(ownMainClasses());
  }

  @Test
  void servesNoHttp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
        .because("REST is the API's; a worker process has no controllers")
        .check(ownMainClasses());
  }
}
