package dev.cadenza.api.openapi;

import dev.cadenza.workflows.generation.GenerationType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Set;

/**
 * Schemas of API.md that springdoc cannot derive from the code: controllers that answer with
 * JSON trees ({@code ObjectNode}) or read the generation input as one ({@code JsonNode}).
 */
final class ContractSchemas {
  static final String GENERATION = "Generation";
  static final String GENERATION_PAGE = "GenerationPage";
  static final String FEED_ITEM = "FeedItem";
  static final String FEED_PAGE = "FeedPage";
  static final String ASSET = "Asset";
  static final String STEP = "Step";

  static final List<String> TYPES = GenerationType.wireNames();
  static final List<String> STATUSES =
      List.of("queued", "running", "succeeded", "failed", "canceled");

  static Schema<?> ref(String name) {
    return new Schema<>().$ref("#/components/schemas/" + name);
  }

  static Schema<?> generation() {
    return object("A generation: its input, status, steps and, once succeeded, its output.")
        .addProperty("id", string("Opaque id.").example("gen_7f3a9c2e1b"))
        .addProperty("type", stringEnum(TYPES, "What is generated."))
        .addProperty("status", stringEnum(STATUSES, "Where it is."))
        .addProperty("input", object("The input as accepted (normalized)."))
        .addProperty(
            "output",
            OutputSchemas.anyOutputOrNull(
                "The output of its `type` (SongOutput, ImageOutput, ImageTo3dOutput or"
                    + " RenderOutput); null until it succeeds."))
        .addProperty(
            "error",
            nullable(object("Why it failed or was canceled; null otherwise.")
                .addProperty("code", string("Stable code, e.g. CANCELED, INTERRUPTED."))
                .addProperty("message", string("For a human."))))
        .addProperty("cost", integer("Credits held while it runs and spent if it succeeds."))
        .addProperty("published", typed("boolean").description("Shown in the public feed."))
        .addProperty(
            "parentId",
            nullable(string("The earlier generation it was built on (image-to-3d `imageFrom`,"
                    + " song `remixOf`); null when none.")
                .example("gen_1c9e4b7a20")))
        .addProperty(
            "progress",
            nullable(object("The running step's progress.")
                .addProperty("step", string("Step name.").example("generateAudio"))
                .addProperty("percent", integer("0 to 100."))))
        .addProperty("steps", array(ref(STEP)).description("Each step of the pipeline."))
        .addProperty("createdAt", dateTime())
        .addProperty("startedAt", nullable(dateTime()))
        .addProperty("completedAt", nullable(dateTime()))
        .required(
            List.of("id", "type", "status", "input", "cost", "published", "steps", "createdAt"));
  }

  static Schema<?> step() {
    return object("One step of a generation.")
        .addProperty("name", string("Step name.").example("generateAudio"))
        .addProperty(
            "status",
            stringEnum(
                List.of("pending", "running", "succeeded", "failed", "skipped", "canceled"),
                "Where the step is."))
        .addProperty("attempts", integer("Attempts so far."))
        .addProperty("startedAt", nullable(dateTime()))
        .addProperty("completedAt", nullable(dateTime()));
  }

  static Schema<?> asset() {
    return object("A generated file in an output; media facts such as `width`, `height` or"
            + " `durationSeconds` beside these fields.")
        .addProperty(
            "url",
            string("Signed, time-limited (1 h) download URL for the owner; once published, the"
                    + " public URL that needs no key (404 again once unpublished).")
                .format("uri"))
        .addProperty("contentType", string("Media type.").example("audio/wav"))
        .addProperty("sizeBytes", integer("Size."))
        .addProperty("sha256", string("Hex SHA-256 of the content."))
        .required(List.of("url", "contentType", "sizeBytes", "sha256"));
  }

  static Schema<?> generationPage() {
    return object("One page of generations, newest first.")
        .addProperty("data", array(ref(GENERATION)))
        .addProperty(
            "nextCursor",
            nullable(string("Pass as `cursor` for the next page; null on the last page.")))
        .required(List.of("data"));
  }

  static Schema<?> feedItem() {
    return object("""
            A published generation as anyone sees it: its output with public URLs (no key \
            needed), and nothing of its owner, input, cost or steps.""")
        .addProperty("id", string("The generation's id.").example("gen_7f3a9c2e1b"))
        .addProperty("type", stringEnum(TYPES, "What was generated."))
        .addProperty("status", stringEnum(List.of("succeeded"), "Always succeeded."))
        .addProperty("published", typed("boolean").description("Always true."))
        .addProperty(
            "output",
            OutputSchemas.anyOutput(
                "As the generation's output; every asset's `url` is its public URL."))
        .addProperty("createdAt", dateTime())
        .addProperty("completedAt", dateTime())
        .addProperty("publishedAt", dateTime())
        .required(List.of("id", "type", "output", "publishedAt"));
  }

  static Schema<?> feedPage() {
    return object("One page of the feed, newest published first.")
        .addProperty("data", array(ref(FEED_ITEM)))
        .addProperty(
            "nextCursor",
            nullable(string("Pass as `cursor` for the next page; null on the last page.")))
        .required(List.of("data"));
  }

  static Schema<Object> object(String description) {
    return typed("object").description(description);
  }

  static Schema<Object> string(String description) {
    return typed("string").description(description);
  }

  static Schema<Object> integer(String description) {
    return typed("integer").format("int64").description(description);
  }

  static Schema<Object> stringEnum(List<String> values, String description) {
    Schema<Object> schema = string(description);
    schema.setEnum(List.copyOf(values));
    return schema;
  }

  static Schema<Object> dateTime() {
    return typed("string").format("date-time").description("RFC 3339, UTC.");
  }

  static Schema<Object> array(Schema<?> items) {
    Schema<Object> schema = typed("array");
    schema.setItems(items);
    return schema;
  }

  /** OpenAPI 3.1: null as one more type. */
  static <T> Schema<T> nullable(Schema<T> schema) {
    Set<String> types =
        new java.util.LinkedHashSet<>(schema.getTypes() == null ? Set.of() : schema.getTypes());
    types.add("null");
    schema.setTypes(types);
    return schema;
  }

  // OpenAPI 3.1 documents read `types`, 3.0 ones `type`: set both.
  static Schema<Object> typed(String type) {
    Schema<Object> schema = new Schema<>();
    schema.setType(type);
    schema.setTypes(new java.util.LinkedHashSet<>(Set.of(type)));
    return schema;
  }

  private ContractSchemas() {}
}
