package dev.cadenza.api.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A published generation as the feed has it: what it made, never who made it or what they asked
 * for (the input may hold private URLs).
 *
 * @param feedSeq its place in the feed; higher is published later
 */
record FeedEntry(
    long feedSeq,
    String id,
    String type,
    JsonNode output,
    Instant createdAt,
    Instant completedAt,
    Instant publishedAt) {}
