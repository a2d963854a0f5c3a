package dev.cadenza.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.cadenza.testsupport.Modules.cadenzaClassesOutside;
import static dev.cadenza.testsupport.Modules.ownMainClasses;

import org.junit.jupiter.api.Test;

/** The worker process is the activities and their wiring; nothing of the API or GPU worker. */
class WorkerArchitectureTest {

  @Test
  void runsActivitiesOnly() {
    noClasses()
        .should()
        .dependOnClassesThat(
            cadenzaClassesOutside("worker", "activities", "data-access", "workflows"))
        .check(ownMainClasses());
  }
}
