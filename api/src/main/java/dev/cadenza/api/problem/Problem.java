package dev.cadenza.api.problem;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The body of every 4xx/5xx answer as the OpenAPI document shows it: Spring's {@code
 * ProblemDetail} with the API's {@code code} and {@code errors} properties ({@link
 * ProblemBodies} writes them).
 */
@Schema(description = "An RFC 9457 problem: the body of every 4xx/5xx answer of the API.")
public record Problem(
    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        format = "uri",
        description = "`urn:cadenza:problem:` and the code in kebab case.",
        example = "urn:cadenza:problem:validation-failed")
    String type,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "The status's reason phrase.",
        example = "Unprocessable Entity")
    String title,

    @Schema(requiredMode = RequiredMode.REQUIRED, description = "The HTTP status.", example = "422")
    int status,

    @Schema(
        description = "What went wrong, for a human.",
        example = "The request has invalid fields.")
    String detail,

    @Schema(format = "uri-reference", description = "The request path.")
    String instance,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        pattern = "^[A-Z][A-Z0-9_]*$",
        example = "VALIDATION_FAILED",
        description = "Stable UPPER_SNAKE code to branch on: VALIDATION_FAILED,"
            + " MALFORMED_REQUEST, INVALID_PARAMETER, MISSING_PARAMETER, INVALID_CURSOR,"
            + " UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT,"
            + " NOT_CANCELABLE, NOT_RETRYABLE, NOT_REFUNDABLE, ALREADY_REFUNDED,"
            + " REFUND_EXCEEDS_SPENDING, NOT_PUBLISHABLE, RANGE_NOT_SATISFIABLE,"
            + " PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INSUFFICIENT_CREDITS, RATE_LIMITED,"
            + " INTERNAL, ... (new ones may be added).")
    String code,

    @Schema(description = "Validation problems only: each invalid field.")
    List<FieldProblem> errors) {}
