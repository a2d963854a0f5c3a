package dev.cadenza.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * What identifies a request under an idempotency key: the SHA-256 of its endpoint and its body
 * as canonical JSON (members sorted by name at every level, no whitespace). Two bodies that
 * differ only in member order or spacing are the same request; the endpoint keeps a key reused
 * on another endpoint from replaying that endpoint's answer.
 */
final class RequestHash {
  private static final JsonMapper WRITER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Lower-case hex SHA-256 of {@code endpoint + "\n" + canonical(body)}. */
  static String of(String endpoint, JsonNode body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(endpoint.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(canonical(body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The body as canonical JSON text. */
  static String canonical(JsonNode body) {
    try {
      return WRITER.writeValueAsString(sorted(body == null ? NODES.nullNode() : body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode copy = NODES.objectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }

  private RequestHash() {}
}
