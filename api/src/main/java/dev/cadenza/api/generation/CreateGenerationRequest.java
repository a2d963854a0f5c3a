package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of {@code POST /v1/generations}. The input is read per type by its parser. */
public record CreateGenerationRequest(
    String type, JsonNode input, String webhook, List<String> webhookEvents) {}
