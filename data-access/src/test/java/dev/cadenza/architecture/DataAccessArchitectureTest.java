package dev.cadenza.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.cadenza.testsupport.Modules.cadenzaClassesOutside;
import static dev.cadenza.testsupport.Modules.ownMainClasses;

import org.junit.jupiter.api.Test;

/**
 * Data access is what the API and the workers share: the ledger, the read model and its events,
 * uploads, webhook deliveries, storage, the outbound-address policy. It depends on the workflow
 * contracts only, and holds no Temporal worker or activity code.
 */
class DataAccessArchitectureTest {

  @Test
  void dependsOnTheWorkflowContractsOnly() {
    noClasses()
        .should()
        .dependOnClassesThat(cadenzaClassesOutside("data-access", "workflows"))
        .check(ownMainClasses());
  }

  @Test
  void holdsNoWorkerOrActivityCode() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.temporal.worker..", "io.temporal.activity..", "org.springframework.web..")
        .orShould()
        .haveSimpleNameEndingWith("ActivitiesImpl")
        .check(ownMainClasses());
  }
}
