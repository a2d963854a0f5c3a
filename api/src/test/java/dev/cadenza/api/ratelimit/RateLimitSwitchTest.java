package dev.cadenza.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code app.rate-limit.enabled} decides whether the filter exists at all. */
class RateLimitSwitchTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withBean(TokenBuckets.class, () -> mock(TokenBuckets.class))
      .withBean(ObjectMapper.class)
      .withUserConfiguration(Properties.class, RateLimitFilter.class);

  @EnableConfigurationProperties(RateLimitProperties.class)
  static class Properties {}

  @Test
  void onByDefaultWithTheDocumentedLimits() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(RateLimitFilter.class);
      RateLimitProperties properties = context.getBean(RateLimitProperties.class);
      assertThat(properties.capacity()).isEqualTo(60);
      assertThat(properties.refillPerSecond()).isEqualTo(10);
    });
  }

  @Test
  void offWhenDisabled() {
    runner
        .withPropertyValues("app.rate-limit.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimitFilter.class));
  }
}
