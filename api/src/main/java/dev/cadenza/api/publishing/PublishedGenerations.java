package dev.cadenza.api.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.generation.OutputAssets;
import dev.cadenza.generation.OutputDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The publishing columns of the generations read model ({@code published}, {@code published_at},
 * {@code feed_seq}). Each change is one conditional update, so concurrent publishes and
 * unpublishes of one generation leave it in one of the two states, never between.
 */
@Repository
class PublishedGenerations {
  private final JdbcClient jdbc;
  private final ObjectMapper json;

  PublishedGenerations(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Publishes a succeeded generation at the top of the feed.
   *
   * @return false when it was already published (it keeps its place) or has not succeeded
   */
  boolean publish(String id) {
    return jdbc.sql("update generations set published = true, published_at = now(),"
                + " feed_seq = nextval('generations_feed_seq')"
                + " where id = :id and status = 'succeeded' and not published")
            .param("id", id)
            .update()
        == 1;
  }

  /** @return false when it was not published */
  boolean unpublish(String id) {
    return jdbc.sql("update generations set published = false, published_at = null,"
                + " feed_seq = null where id = :id and published")
            .param("id", id)
            .update()
        == 1;
  }

  /** Newest published first; {@code beforeSeq} is the previous page's cursor (null: first). */
  List<FeedEntry> page(int limit, Long beforeSeq) {
    return jdbc.sql("select feed_seq, id, type, output, created_at, completed_at, published_at"
            + " from generations where feed_seq is not null"
            + " and (cast(:before as bigint) is null or feed_seq < :before)"
            + " order by feed_seq desc limit :limit")
        .param("before", beforeSeq)
        .param("limit", limit)
        .query(this::entry)
        .list();
  }

  /** A file of a published generation: where it is stored and its SHA-256 ("" if unknown). */
  record PublishedFile(String key, String sha256) {}

  /**
   * The file named {@code file} (see {@link OutputAssets#fileName}) of generation {@code id} while
   * it is published; empty for any other id or name.
   */
  Optional<PublishedFile> publishedFile(String id, String file) {
    return publishedOutput(id).map(OutputAssets::of).orElse(List.of()).stream()
        .filter(a ->
            OutputAssets.fileName(a.path(OutputDocument.STORAGE_KEY).asText()).equals(file))
        .findFirst()
        .map(a -> new PublishedFile(
            a.path(OutputDocument.STORAGE_KEY).asText(), a.path("sha256").asText("")));
  }

  /** The output of a generation that is published now; empty for any other id. */
  Optional<JsonNode> publishedOutput(String id) {
    return jdbc.sql(
            "select output from generations where id = :id and published and output is not null")
        .param("id", id)
        .query((rs, n) -> read(rs.getString("output")))
        .optional();
  }

  private FeedEntry entry(ResultSet rs, int row) throws SQLException {
    return new FeedEntry(
        rs.getLong("feed_seq"),
        rs.getString("id"),
        rs.getString("type"),
        read(rs.getString("output")),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("completed_at")),
        instant(rs.getTimestamp("published_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private JsonNode read(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable output of a generation", e);
    }
  }
}
