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
  static final String SONG_INPUT = "SongInput";
  static final String IMAGE_INPUT = "ImageInput";
  static final String IMAGE_TO_3D_INPUT = "ImageTo3dInput";
  static final String RENDER_INPUT = "RenderInput";
  static final String ASSET = "Asset";
  static final String STEP = "Step";

  static final List<String> TYPES = GenerationType.wireNames();
  static final List<String> STATUSES =
      List.of("queued", "running", "succeeded", "failed", "canceled");
  static final List<String> WEBHOOK_EVENTS =
      List.of("started", "progress", "completed", "failed", "canceled");

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

  static Schema<?> songInput() {
    return object("""
            Input of a `song`, in one of three modes: `description` (the LLM writes the style \
            prompt and the lyrics); `prompt` + `lyrics` (the user's own); `prompt` + \
            `lyricsDescription` (the LLM writes lyrics from the description). Text fields at \
            most 3000 characters. With `remixOf` the mode fields are optional: the parent song \
            gives its `prompt` and `lyrics` (as sung, from its output) unless the request gives \
            a `description` or its own `prompt`, `lyrics` or `lyricsDescription`; its \
            `instrumental` unless the request gives it or lyrics of its own; its \
            `durationSeconds` and `guidanceScale` unless given. The `seed` is new unless given; \
            title, categories, audio and cover are made anew.""")
        .addProperty(
            "remixOf",
            string("A new song from this one: the id of an own succeeded song, or of anyone's"
                    + " published one. Shown as the generation's `parentId`. A song the user"
                    + " may not see gets the same 422 as one that does not exist; one not"
                    + " succeeded, or not a song: 422.")
                .example("gen_1c9e4b7a20"))
        .addProperty("description", string("What the song is about."))
        .addProperty("prompt", string("Style prompt."))
        .addProperty("lyrics", string("The user's own lyrics."))
        .addProperty("lyricsDescription", string("What the lyrics should say."))
        .addProperty("instrumental", typed("boolean").description("No lyrics."))
        .addProperty(
            "durationSeconds",
            integer("10 to 240, default 30.")
                .minimum(java.math.BigDecimal.TEN)
                .maximum(java.math.BigDecimal.valueOf(240)))
        .addProperty(
            "guidanceScale",
            typed("number")
                .description("1 to 20, default 7.5.")
                .minimum(java.math.BigDecimal.ONE)
                .maximum(java.math.BigDecimal.valueOf(20)))
        .addProperty("seed", integer("Fixes the randomness."));
  }

  static Schema<?> imageInput() {
    return object("Input of an `image`: a PNG from a prompt.")
        .addProperty("prompt", string("What to paint, at most 3000 characters."))
        .addProperty("width", integer("256 to 1536, default 512."))
        .addProperty("height", integer("256 to 1536, default 512."))
        .addProperty("seed", integer("Fixes the randomness."))
        .required(List.of("prompt"));
  }

  static Schema<?> imageTo3dInput() {
    return object("Input of an `image-to-3d`: exactly one of `imageUrl` (a PNG or JPEG the"
            + " service fetches: http(s), public addresses, at most 10 MB), `imageUploadId` (a"
            + " ready image upload of the caller's, read from storage), `imageFrom` (the image"
            + " of an earlier generation) or `prompt` (an image is generated first, priced as"
            + " its own step). Output: `image` and `model` (model/gltf-binary).")
        .addProperty("imageUrl", string("The picture to lift into 3D.").format("uri"))
        .addProperty(
            "imageUploadId",
            string("The picture to lift into 3D: a ready image upload (`upl_...`)."))
        .addProperty(
            "imageFrom",
            string("The id of an own succeeded `image` or `image-to-3d` generation: its image"
                    + " is lifted; only the mesh step runs and is charged (the image steps show"
                    + " `skipped`), and the output's `image` is that picture, copied. Shown as"
                    + " the generation's `parentId`. Someone else's generation gets the same"
                    + " 422 as one that does not exist; one not succeeded or of another type:"
                    + " 422.")
                .example("gen_1c9e4b7a20"))
        .addProperty("prompt", string("What to generate, at most 3000 characters."))
        .addProperty("style", string("A free-form hint such as \"smooth\" or \"low poly\"."))
        .addProperty("seed", integer("Fixes the randomness."));
  }

  static Schema<?> renderInput() {
    Schema<?> clip = object("A clip, in seconds from the start of the timeline.")
        .addProperty("start", typed("number").description("0 or more, before the end."))
        .addProperty("duration", typed("number").description("More than 0."))
        .addProperty("text", string("Text clips: what to show, at most 500 characters."))
        .addProperty(
            "sourceUrl",
            string("Image (PNG/JPEG), audio (WAV) and video (MP4) clips: the file, fetched by the"
                    + " service (http(s), public addresses). Exactly one of `sourceUrl` and"
                    + " `uploadId` on image and audio clips; video clips take one of `color`,"
                    + " `sourceUrl` and `uploadId`.")
                .format("uri"))
        .addProperty(
            "uploadId",
            string("Image, audio and video clips: a ready upload of the caller's (`upl_...`),"
                    + " read from storage, never fetched. It must be what the track plays: an"
                    + " image upload on an image track, `video/mp4` on a video track,"
                    + " `audio/wav` or `audio/mpeg` on an audio track; otherwise, or when it is not ready or not"
                    + " the caller's, 422 naming the clip's `uploadId`. Several clips may use"
                    + " the same upload; the 16 different sources of a timeline count URLs and"
                    + " uploads together. The upload is kept from then on (not deleted after"
                    + " 24 h).")
                .example("upl_3f9a0c1d2e4b5a6978"))
        .addProperty("color", string("#rgb, #rrggbb or #rrggbbaa: video and text clips."));
    Schema<?> track = object("A track; the first is drawn at the bottom.")
        .addProperty("type", stringEnum(List.of("video", "image", "text", "audio"), null))
        .addProperty("clips", array(clip));
    Schema<?> timeline = object("What to render.")
        .addProperty("width", integer("Even, 64 to 1920; at most 1920 x 1080 pixels."))
        .addProperty("height", integer("Even, 64 to 1920."))
        .addProperty("fps", integer("1 to 60."))
        .addProperty("durationSeconds", typed("number").description("0.5 to 60."))
        .addProperty(
            "tracks",
            array(track)
                .description("Up to 16 tracks, 200 clips and 16 different sources (sourceUrls"
                    + " and uploadIds together)."))
        .required(List.of("width", "height", "fps", "durationSeconds"));
    Schema<?> target = object("Where to send the finished render.")
        .addProperty("platform", stringEnum(List.of("webhook"), null))
        .addProperty(
            "url", string("Receives a signed POST with download links.").format("uri"))
        .addProperty(
            "at",
            string("Send it at this time instead of once the render is stored: RFC 3339, in the"
                    + " future, at most 30 days ahead. The generation succeeds (and is charged)"
                    + " when its media is stored; this publication shows as `scheduled` until"
                    + " then and can be canceled with"
                    + " `DELETE /v1/generations/{id}/publications/{index}`.")
                .format("date-time"));
    return object("Input of a `render`: a timeline rendered to an H.264 MP4 and a PNG"
            + " thumbnail; `publishTo` targets get it once it is done (a failed publication is"
            + " reported in `output.publications`, the render still succeeds).")
        .addProperty("timeline", timeline)
        .addProperty("publishTo", array(target).description("Up to 5 targets."))
        .required(List.of("timeline"));
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
