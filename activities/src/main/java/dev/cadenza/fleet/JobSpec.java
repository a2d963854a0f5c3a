package dev.cadenza.fleet;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GPU job as the caller describes it.
 *
 * @param jobId the idempotency anchor: the same id always means the same piece of work, so a
 *     retried caller re-attaches instead of running the model again
 * @param model {@code text}, {@code audio}, {@code image}, ...
 * @param input model input; values are strings, numbers or booleans, {@code null} values are left
 *     out (the runner then applies its default)
 * @param userId owner, for per-user fairness in the worker's queue
 * @param priority higher runs first among queued jobs of the same model
 */
public record JobSpec(
    String jobId, String model, Map<String, Object> input, String userId, int priority) {

  public JobSpec {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("jobId is required");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model is required");
    }
    // Not Map.copyOf: optional inputs may be null and are then simply not sent.
    input = Collections.unmodifiableMap(new LinkedHashMap<>(input == null ? Map.of() : input));
    userId = userId == null ? "" : userId;
  }

  /** A job of {@code userId} at the default priority. */
  public static JobSpec of(String jobId, String model, Map<String, Object> input, String userId) {
    return new JobSpec(jobId, model, input, userId, 0);
  }

  Struct inputStruct() {
    Struct.Builder struct = Struct.newBuilder();
    input.forEach((name, value) -> {
      if (value != null) {
        struct.putFields(name, valueOf(name, value));
      }
    });
    return struct.build();
  }

  private static Value valueOf(String name, Object value) {
    return switch (value) {
      case String text -> Value.newBuilder().setStringValue(text).build();
      case Number number ->
        Value.newBuilder().setNumberValue(number.doubleValue()).build();
      case Boolean flag -> Value.newBuilder().setBoolValue(flag).build();
      default ->
        throw new IllegalArgumentException(
            "input " + name + " must be a string, number or boolean, was " + value.getClass());
    };
  }
}
