package dev.cadenza.api.payments;

import dev.cadenza.api.payments.PaymentsProperties.CreditPackage;

/** A package of {@code GET /v1/credits/packages}. */
public record CreditPackageView(String id, String name, long credits, Price price) {

  /**
   * @param amount in the currency's smallest unit (cents)
   * @param currency ISO 4217, lower case
   */
  public record Price(long amount, String currency) {}

  static CreditPackageView of(CreditPackage pack) {
    return new CreditPackageView(
        pack.id(), pack.name(), pack.credits(), new Price(pack.amount(), pack.currency()));
  }
}
