package dev.cadenza.api.generation;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** What each generation type costs, in credits. */
@Validated
@ConfigurationProperties(prefix = "app.pricing")
public record PricingProperties(
    @Positive @DefaultValue("10") long song) {}
