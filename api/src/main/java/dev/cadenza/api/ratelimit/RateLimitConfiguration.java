package dev.cadenza.api.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The rate limit's settings and the hourly deletion of idle buckets (every replica runs it; the
 * delete is harmless twice). The limit itself is {@link RateLimitFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfiguration {
  private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

  private final TokenBuckets buckets;
  private final RateLimitProperties properties;

  public RateLimitConfiguration(TokenBuckets buckets, RateLimitProperties properties) {
    this.buckets = buckets;
    this.properties = properties;
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
  void deleteIdleBuckets() {
    try {
      int deleted = buckets.deleteIdle(properties.capacity(), properties.refillPerSecond());
      log.debug("Deleted {} idle rate-limit buckets", deleted);
    } catch (RuntimeException e) {
      log.warn("Could not delete idle rate-limit buckets: {}", e.toString());
    }
  }
}
