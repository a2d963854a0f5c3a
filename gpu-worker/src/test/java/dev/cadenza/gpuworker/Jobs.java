package dev.cadenza.gpuworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cadenza.proto.gpu.v1.InputFile;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for requests and readers for event streams, shared by the tests. */
final class Jobs {

  private Jobs() {}

  /** A request; {@code input} alternates names and values (String or Number). */
  static JobRequest request(String jobId, String model, Object... input) {
    return JobRequest.newBuilder()
        .setJobId(jobId)
        .setModel(model)
        .setUserId("user-1")
        .setInput(struct(input))
        .build();
  }

  /**
   * A request whose input is the JSON object {@code json} (nested objects and lists included),
   * sent with {@code files} (name to bytes; the content type is taken from the extension).
   */
  static JobRequest request(String jobId, String model, String json, Map<String, byte[]> files) {
    JobRequest.Builder request = JobRequest.newBuilder()
        .setJobId(jobId)
        .setModel(model)
        .setUserId("user-1")
        .setInput(jsonStruct(json));
    files.forEach((name, bytes) -> request.addFiles(InputFile.newBuilder()
        .setName(name)
        .setContentType(contentType(name))
        .setData(ByteString.copyFrom(bytes))));
    return request.build();
  }

  static Struct jsonStruct(String json) {
    try {
      return toValue(new ObjectMapper().readTree(json)).getStructValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Value toValue(JsonNode node) {
    if (node.isObject()) {
      Struct.Builder struct = Struct.newBuilder();
      node.properties().forEach(f -> struct.putFields(f.getKey(), toValue(f.getValue())));
      return Value.newBuilder().setStructValue(struct).build();
    }
    if (node.isArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      node.forEach(element -> list.addValues(toValue(element)));
      return Value.newBuilder().setListValue(list).build();
    }
    if (node.isNumber()) {
      return Value.newBuilder().setNumberValue(node.asDouble()).build();
    }
    if (node.isBoolean()) {
      return Value.newBuilder().setBoolValue(node.asBoolean()).build();
    }
    if (node.isNull()) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    return Value.newBuilder().setStringValue(node.asText()).build();
  }

  private static String contentType(String name) {
    if (name.endsWith(".png")) {
      return "image/png";
    }
    if (name.endsWith(".jpg")) {
      return "image/jpeg";
    }
    if (name.endsWith(".wav")) {
      return "audio/wav";
    }
    return name.endsWith(".mp4") ? "video/mp4" : "application/octet-stream";
  }

  static Struct struct(Object... input) {
    Struct.Builder struct = Struct.newBuilder();
    for (int i = 0; i < input.length; i += 2) {
      Object value = input[i + 1];
      struct.putFields(
          (String) input[i],
          value instanceof Number n
              ? Value.newBuilder().setNumberValue(n.doubleValue()).build()
              : Value.newBuilder().setStringValue(value.toString()).build());
    }
    return struct.build();
  }

  static JobEvent last(List<JobEvent> events) {
    return events.get(events.size() - 1);
  }

  /** Output files reassembled from their chunks, by name. */
  static Map<String, byte[]> outputs(List<JobEvent> events) {
    Map<String, ByteString> files = new LinkedHashMap<>();
    for (JobEvent event : events) {
      if (event.hasOutput()) {
        files.merge(event.getOutput().getName(), event.getOutput().getData(), ByteString::concat);
      }
    }
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((name, data) -> bytes.put(name, data.toByteArray()));
    return bytes;
  }
}
