package dev.cadenza.api.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.worker.WorkerTuning;
import io.temporal.worker.WorkerOptions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The workflow-worker role registers one local activity; without {@code local-activities-only}
 * its worker would also poll ordinary activity tasks and fail those it does not have (seen: 11 of
 * 30 songs failed in a separate-processes bench run).
 */
class WorkflowWorkerRoleTest {

  @Test
  void theWorkflowWorkerRoleRunsNoOrdinaryActivities() {
    Properties role = yaml("application-workflow-worker.yaml");
    assertThat(role.getProperty("app.worker.local-activities-only")).isEqualTo("true");

    WorkerOptions options =
        new WorkerTuning(true).customize(WorkerOptions.newBuilder()).build();

    assertThat(options.isLocalActivityWorkerOnly()).isTrue();
  }

  @Test
  void everyOtherRolePollsActivities() {
    assertThat(yaml("application.yaml").getProperty("app.worker.local-activities-only"))
        .isNull();
    assertThat(yaml("application-activity-worker.yaml")
            .getProperty("app.worker.local-activities-only"))
        .isNull();

    WorkerOptions options =
        new WorkerTuning(false).customize(WorkerOptions.newBuilder()).build();

    assertThat(options.isLocalActivityWorkerOnly()).isFalse();
  }

  private static Properties yaml(String name) {
    YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
    factory.setResources(new ClassPathResource(name));
    return factory.getObject();
  }
}
