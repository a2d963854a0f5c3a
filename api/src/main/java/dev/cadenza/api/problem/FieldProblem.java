package dev.cadenza.api.problem;

/**
 * One entry of a validation problem's {@code errors}.
 *
 * @param field the JSON path of the offending value ({@code input.durationSeconds},
 *     {@code items[0].type}) or the parameter name ({@code limit})
 * @param message what is wrong, for a human ("must be between 1 and 100")
 */
public record FieldProblem(String field, String message) {}
