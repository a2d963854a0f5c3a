package dev.cadenza.api.ratelimit;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The per-key rate limit ({@code app.rate-limit}): a token bucket of {@code capacity} tokens (the
 * burst) refilled at {@code refillPerSecond}; every limited request takes one.
 *
 * @param enabled false turns the limit off (no filter is registered)
 * @param capacity the burst, at least 1
 * @param refillPerSecond the sustained rate, above 0
 */
@Validated
@ConfigurationProperties(prefix = "app.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @Positive @DefaultValue("60") int capacity,
    @Positive @DefaultValue("10") double refillPerSecond) {}
