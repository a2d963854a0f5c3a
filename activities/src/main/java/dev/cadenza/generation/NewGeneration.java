package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;

/** What the API knows when it accepts a generation. */
public record NewGeneration(
    String id,
    String userId,
    String type,
    String workflowId,
    JsonNode input,
    long cost,
    String webhook) {}
