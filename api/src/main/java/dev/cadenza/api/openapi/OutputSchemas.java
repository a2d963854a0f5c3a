package dev.cadenza.api.openapi;

import static dev.cadenza.api.openapi.ContractSchemas.array;
import static dev.cadenza.api.openapi.ContractSchemas.integer;
import static dev.cadenza.api.openapi.ContractSchemas.object;
import static dev.cadenza.api.openapi.ContractSchemas.ref;
import static dev.cadenza.api.openapi.ContractSchemas.string;
import static dev.cadenza.api.openapi.ContractSchemas.stringEnum;
import static dev.cadenza.api.openapi.ContractSchemas.typed;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;

/**
 * The outputs of API.md, one schema per type, their files as {@code Asset}s: the code keeps an
 * output as a JSON tree, so springdoc cannot see its shape.
 */
final class OutputSchemas {
  static final String SONG_OUTPUT = "SongOutput";
  static final String IMAGE_OUTPUT = "ImageOutput";
  static final String IMAGE_TO_3D_OUTPUT = "ImageTo3dOutput";
  static final String RENDER_OUTPUT = "RenderOutput";
  static final String PUBLICATION = "Publication";

  static void addTo(Components components) {
    components.addSchemas(SONG_OUTPUT, song());
    components.addSchemas(IMAGE_OUTPUT, image());
    components.addSchemas(IMAGE_TO_3D_OUTPUT, imageTo3d());
    components.addSchemas(RENDER_OUTPUT, render());
    components.addSchemas(PUBLICATION, publication());
  }

  /** One of the outputs; which one follows the generation's {@code type}. */
  static Schema<?> anyOutput(String description) {
    Schema<Object> output = new Schema<>();
    output.setDescription(description);
    output.setAnyOf(
        List.of(ref(SONG_OUTPUT), ref(IMAGE_OUTPUT), ref(IMAGE_TO_3D_OUTPUT), ref(RENDER_OUTPUT)));
    return output;
  }

  /** As {@link #anyOutput}, or null. */
  static Schema<?> anyOutputOrNull(String description) {
    Schema<?> output = anyOutput(description);
    List<Schema> choices = new java.util.ArrayList<>(output.getAnyOf());
    choices.add(typed("null"));
    output.setAnyOf(choices);
    return output;
  }

  private static Schema<?> song() {
    return object("Output of a `song`.")
        .addProperty("title", string("The song's title."))
        .addProperty("prompt", string("The style prompt the audio was made from."))
        .addProperty("lyrics", string("The lyrics sung (empty when instrumental)."))
        .addProperty("categories", array(string(null)).description("Genre and mood tags."))
        .addProperty("audio", asset("audio/wav, with `durationSeconds`."))
        .addProperty("cover", asset("image/png."))
        .addProperty("guidanceScale", typed("number").description("As used."))
        .addProperty("seed", integer("As used; the same seed and input give the same song."))
        .required(List.of("audio", "cover"));
  }

  private static Schema<?> image() {
    return object("Output of an `image`.")
        .addProperty("image", asset("image/png, with `width` and `height`."))
        .required(List.of("image"));
  }

  private static Schema<?> imageTo3d() {
    return object("Output of an `image-to-3d`.")
        .addProperty("image", asset("The picture the model was made from (image/png)."))
        .addProperty("model", asset("The textured model (model/gltf-binary)."))
        .required(List.of("image", "model"));
  }

  private static Schema<?> render() {
    return object("Output of a `render`.")
        .addProperty("video", asset("video/mp4 (H.264)."))
        .addProperty("thumbnail", asset("image/png."))
        .addProperty(
            "publications",
            array(ref(PUBLICATION)).description("One per `publishTo` target, in its order."))
        .required(List.of("video", "thumbnail"));
  }

  private static Schema<?> publication() {
    return object("How sending the render to one `publishTo` target went.")
        .addProperty("platform", stringEnum(List.of("webhook"), "The target's platform."))
        .addProperty("url", string("The target.").format("uri"))
        .addProperty(
            "status",
            stringEnum(
                List.of("scheduled", "delivered", "failed", "canceled"),
                "How it went: `scheduled` waits for `at`; `canceled` was called off by the"
                    + " user and is never sent."))
        .addProperty(
            "at",
            string("When a scheduled one is (or was) due; absent otherwise.").format("date-time"))
        .addProperty(
            "responseStatus",
            ContractSchemas.nullable(
                integer("The target's last HTTP status; null if it never" + " answered.")))
        .addProperty("error", ContractSchemas.nullable(string("Why it failed; null otherwise.")))
        .required(List.of("platform", "url", "status"));
  }

  /** A reference to {@code Asset} with what this one holds; OpenAPI 3.1 allows both. */
  private static Schema<?> asset(String description) {
    return ref(ContractSchemas.ASSET).description(description);
  }

  private OutputSchemas() {}
}
