package dev.cadenza.api.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/admin/users/{userId}/refunds}.
 *
 * @param amount credits to give back, positive
 * @param reason why, for the ledger (the transaction's {@code description}, which the user sees)
 * @param generationId the generation refunded, if the refund is for one
 */
public record RefundRequest(
    @NotNull @Min(1) @Max(1_000_000_000) Long amount,
    @NotBlank @Size(max = 500) String reason,

    @Size(min = 1, max = 100) String generationId) {}
