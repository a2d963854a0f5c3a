package dev.cadenza.api.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes idempotency keys past their time to live, hourly. They no longer count anyway (see
 * {@link IdempotencyService}); this keeps the table small. Every replica runs it; deleting twice
 * is harmless.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class IdempotencyConfiguration {
  private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

  private final IdempotencyStore store;

  public IdempotencyConfiguration(IdempotencyStore store) {
    this.store = store;
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  void deleteExpiredKeys() {
    try {
      int deleted = store.deleteExpired(IdempotencyService.TIME_TO_LIVE);
      log.debug("Deleted {} expired idempotency keys", deleted);
    } catch (RuntimeException e) {
      log.warn("Could not delete expired idempotency keys: {}", e.toString());
    }
  }
}
