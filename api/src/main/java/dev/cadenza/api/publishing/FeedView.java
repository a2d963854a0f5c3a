package dev.cadenza.api.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.generation.OutputAssets;
import dev.cadenza.generation.PublicUrls;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A published generation as anyone may see it: the generation's shape without its input, cost,
 * steps or owner, and with public URLs for its files.
 */
@Component
class FeedView {
  /**
   * Output fields that name where else the owner sent the result (a render's {@code publishTo}
   * targets): their URLs may carry the owner's tokens.
   */
  private static final List<String> PRIVATE_OUTPUT_FIELDS = List.of("publications");

  private final PublicUrls publicUrls;

  FeedView(PublicUrls publicUrls) {
    this.publicUrls = publicUrls;
  }

  FeedItem of(FeedEntry entry) {
    return new FeedItem(
        entry.id(),
        entry.type(),
        "succeeded",
        true,
        output(entry),
        time(entry.createdAt()),
        time(entry.completedAt()),
        time(entry.publishedAt()));
  }

  private JsonNode output(FeedEntry entry) {
    if (entry.output() == null) {
      return null;
    }
    JsonNode output = OutputAssets.withUrls(
        entry.output(), key -> publicUrls.of(entry.id(), OutputAssets.fileName(key)));
    if (output instanceof ObjectNode object) {
      object.remove(PRIVATE_OUTPUT_FIELDS);
    }
    return output;
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
