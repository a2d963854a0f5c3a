package dev.cadenza.faults;

import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.workflows.text.TextActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wraps the storage and the LLM activities in fault-injecting decorators when {@code
 * app.faults.storage-error-rate} / {@code app.faults.llm-error-rate} (0..1, default 0) are set.
 * With both at 0 nothing is wrapped.
 */
@Configuration(proxyBeanMethods = false)
public class FaultInjectionConfiguration {
  static final String STORAGE_RATE = "app.faults.storage-error-rate";
  static final String LLM_RATE = "app.faults.llm-error-rate";

  private static final Logger log = LoggerFactory.getLogger(FaultInjectionConfiguration.class);

  /** Static, and reading the environment directly: post-processors are created before beans. */
  @Bean
  static BeanPostProcessor faultInjection(Environment env) {
    FaultRate storage =
        new FaultRate(STORAGE_RATE, env.getProperty(STORAGE_RATE, Double.class, 0.0));
    FaultRate llm = new FaultRate(LLM_RATE, env.getProperty(LLM_RATE, Double.class, 0.0));
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (storage.isOn() && bean instanceof ObjectStorage real) {
          log.warn("Fault injection: storage writes fail at rate {} ({})", storage.rate(), name);
          return new FaultyObjectStorage(real, storage);
        }
        if (llm.isOn() && bean instanceof TextActivities real) {
          log.warn("Fault injection: LLM steps fail at rate {} ({})", llm.rate(), name);
          return new FaultyTextActivities(real, llm);
        }
        return bean;
      }
    };
  }
}
