package dev.cadenza.gpuworker;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
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
