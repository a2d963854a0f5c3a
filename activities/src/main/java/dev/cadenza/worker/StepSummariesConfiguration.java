package dev.cadenza.worker;

import dev.cadenza.workflows.visibility.StepSummaries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the Temporal UI shows of generations beyond what the workflows upsert: activity summaries
 * naming each step (picked up by the Temporal starter as a worker interceptor).
 */
@Configuration(proxyBeanMethods = false)
public class StepSummariesConfiguration {

  @Bean
  StepSummaries stepSummaries() {
    return new StepSummaries();
  }
}
