package dev.cadenza.api.worker;

import dev.cadenza.workflows.lane.LaneActivitiesImpl;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generation workflows' local activity that joins a user's concurrency lane. */
@Configuration(proxyBeanMethods = false)
class LaneConfiguration {

  @Bean("laneActivities")
  LaneActivitiesImpl laneActivities(WorkflowClient temporal) {
    return new LaneActivitiesImpl(temporal);
  }
}
