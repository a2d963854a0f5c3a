package dev.cadenza.api.problem;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * One entry of a validation problem's {@code errors}.
 *
 * @param field the JSON path of the offending value ({@code input.durationSeconds},
 *     {@code items[0].type}) or the parameter name ({@code limit})
 * @param message what is wrong, for a human ("must be between 1 and 100")
 */
@Schema(description = "One invalid field of a validation problem.")
public record FieldProblem(
    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "JSON path of the value, or the parameter's name.",
        example = "input.durationSeconds")
    String field,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "What is wrong with it.",
        example = "must be between 10 and 240")
    String message) {}
