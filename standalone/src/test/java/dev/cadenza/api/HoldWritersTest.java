package dev.cadenza.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.generation.GenerationAdmissions;

/**
 * One writer per fact: a credit hold is written only by the admission a workflow's {@code
 * reserve} update runs (the reserve step only finds it), never by the API, the reconciler or
 * anything else on the classpath of the all-in-one process.
 */
@AnalyzeClasses(packages = "dev.cadenza", importOptions = HoldWritersTest.MainCode.class)
class HoldWritersTest {

  /**
   * Main code of every module: ledger tests call {@code reserve} freely, and they reach this
   * classpath in data-access's test jar, which {@code DoNotIncludeTests} does not recognise.
   */
  static final class MainCode implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  @ArchTest
  static final ArchRule onlyTheWorkflowsActivitiesWriteAHold = noClasses()
      .that()
      .doNotBelongToAnyOf(GenerationAdmissions.class, CreditLedger.class)
      .should()
      .callMethod(
          CreditLedger.class, "reserve", String.class, String.class, long.class, String.class)
      .because("the workflow (its reserve update and reserve step) is the only writer of a hold");
}
