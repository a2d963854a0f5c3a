package dev.cadenza.api.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Body of {@code PUT /v1/admin/users/{userId}/concurrency}.
 *
 * @param maxConcurrent generations of this user that may run at once; the others wait as {@code
 *     queued}, in submission order. {@code null} returns the user to the server's default.
 */
public record ConcurrencyRequest(
    @Min(1) @Max(ConcurrencyLimits.MAX) Integer maxConcurrent) {}
