package dev.cadenza.api.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A published generation as anyone sees it in the feed: its output with public URLs, nothing of
 * its owner, input, cost or steps. The output is the stored document ({@link FeedView}); its
 * schema is the contract's ({@code openapi/ContractSchemas}).
 */
@Schema(name = "FeedItem")
public record FeedItem(
    String id,
    String type,
    String status,
    boolean published,
    JsonNode output,
    String createdAt,
    String completedAt,
    String publishedAt) {}
