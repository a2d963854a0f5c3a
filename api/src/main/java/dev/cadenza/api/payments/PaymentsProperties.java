package dev.cadenza.api.payments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Credit packages and the Stripe account ({@code app.payments.*}). Payments are configured only
 * when both Stripe secrets are set; without them the packages are still listed and checkout
 * answers 503 {@code PAYMENTS_NOT_CONFIGURED}, so the embedded default runs without an account.
 */
@Validated
@ConfigurationProperties(prefix = "app.payments")
public record PaymentsProperties(
    @NotNull @Valid @DefaultValue List<CreditPackage> packages,
    @NotNull @Valid @DefaultValue Stripe stripe) {

  /**
   * One package a user can buy.
   *
   * @param amount the price in the currency's smallest unit (cents), as Stripe takes it
   * @param currency ISO 4217, lower case, as Stripe writes it
   */
  public record CreditPackage(
      @NotBlank @Pattern(regexp = "[a-z0-9_-]{1,40}") String id,
      @NotBlank String name,
      @Positive long credits,
      @Positive long amount,
      @NotBlank @Pattern(regexp = "[a-z]{3}") String currency) {}

  /**
   * @param secretKey the API key ({@code sk_...}); blank: payments not configured
   * @param webhookSecret the endpoint's signing secret ({@code whsec_...}); blank: not configured
   * @param apiBase where the Stripe API is (stripe-mock in tests)
   * @param webhookTolerance how old a webhook's signed timestamp may be
   */
  public record Stripe(
      String secretKey,
      String webhookSecret,
      @NotBlank @DefaultValue("https://api.stripe.com") String apiBase,
      @NotNull @DefaultValue("300s") Duration webhookTolerance) {

    /** Both secrets are set: checkouts can be created and their webhooks verified. */
    public boolean configured() {
      return secretKey != null
          && !secretKey.isBlank()
          && webhookSecret != null
          && !webhookSecret.isBlank();
    }
  }

  public Optional<CreditPackage> find(String packageId) {
    return packages.stream().filter(p -> p.id().equals(packageId)).findFirst();
  }
}
