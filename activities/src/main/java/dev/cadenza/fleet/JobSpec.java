package dev.cadenza.fleet;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GPU job as the caller describes it.
 *
 * @param jobId the idempotency anchor: the same id always means the same piece of work, so a
 *     retried caller re-attaches instead of running the model again
 * @param model {@code text}, {@code audio}, {@code image}, ...
 * @param input model input; values are strings, numbers, booleans, lists and maps of those
 *     (nested inputs such as a timeline); {@code null} values are left out of the top level (the
 *     runner then applies its default)
 * @param userId owner, for per-user fairness in the worker's queue
 * @param priority higher runs first among queued jobs of the same model
 * @param files input files sent with the request; input fields name them
 */
public record JobSpec(
    String jobId,
    String model,
    Map<String, Object> input,
    String userId,
    int priority,
    List<JobFile> files) {

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
    files = files == null ? List.of() : List.copyOf(files);
  }

  public JobSpec(
      String jobId, String model, Map<String, Object> input, String userId, int priority) {
    this(jobId, model, input, userId, priority, List.of());
  }

  /** A job of {@code userId} at the default priority. */
  public static JobSpec of(String jobId, String model, Map<String, Object> input, String userId) {
    return new JobSpec(jobId, model, input, userId, 0);
  }

  /** Bytes of all input files together. */
  public long fileBytes() {
    return files.stream().mapToLong(f -> f.bytes().length).sum();
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
      case null -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
      case String text -> Value.newBuilder().setStringValue(text).build();
      case Number number ->
        Value.newBuilder().setNumberValue(number.doubleValue()).build();
      case Boolean flag -> Value.newBuilder().setBoolValue(flag).build();
      case List<?> list -> {
        ListValue.Builder values = ListValue.newBuilder();
        list.forEach(element -> values.addValues(valueOf(name, element)));
        yield Value.newBuilder().setListValue(values).build();
      }
      case Map<?, ?> map -> {
        Struct.Builder struct = Struct.newBuilder();
        map.forEach((key, element) -> {
          if (element != null) {
            struct.putFields(String.valueOf(key), valueOf(name + "." + key, element));
          }
        });
        yield Value.newBuilder().setStructValue(struct).build();
      }
      default ->
        throw new IllegalArgumentException("input " + name
            + " must be a string, number, boolean, list or map, was " + value.getClass());
    };
  }
}
