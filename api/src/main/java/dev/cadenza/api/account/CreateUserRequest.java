package dev.cadenza.api.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/admin/users}.
 *
 * @param credits sign-up bonus; absent means none
 */
public record CreateUserRequest(
    @NotBlank @Email @Size(max = 320) String email,
    @NotBlank @Size(max = 200) String name,
    @Min(0) @Max(1_000_000_000) Long credits) {}
