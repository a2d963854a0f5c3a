package dev.cadenza.api.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/admin/users/{userId}/credits}. The rules across fields (non-zero,
 * negative only for {@code admin_adjust}) are checked by {@link AccountService#addCredits}.
 *
 * @param amount signed change of the balance
 * @param type {@code purchase}, {@code bonus} or {@code admin_adjust}
 */
public record AddCreditsRequest(
    @NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Long amount,

    @NotNull
    @Schema(
        allowableValues = {"purchase", "bonus", "admin_adjust"},
        description = "The kind of credit.")
    @Pattern(
        regexp = "purchase|bonus|admin_adjust",
        message = "must be one of purchase, bonus, admin_adjust")
    String type,

    @Size(max = 500) String description) {}
