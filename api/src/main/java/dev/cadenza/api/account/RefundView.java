package dev.cadenza.api.account;

/** Answer of {@code POST /v1/admin/users/{userId}/refunds}: the entry and the account after it. */
public record RefundView(TransactionView transaction, AccountView account) {
  static RefundView of(Refund refund) {
    return new RefundView(
        TransactionView.of(refund.transaction()), AccountView.of(refund.account()));
  }
}
