package dev.cadenza.api.generation.input;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.cadenza.api.validation.KnownFieldsOnly;
import dev.cadenza.api.validation.PublicUrl;
import dev.cadenza.api.validation.Text;
import dev.cadenza.api.validation.WholeNumber;
import dev.cadenza.workflows.generation.GenerationType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An {@code image-to-3d} input: exactly one picture source ({@code imageUrl}, an http(s) URL the
 * service may fetch; {@code imageUploadId}, a ready image upload of the user's; {@code imageFrom},
 * an earlier generation's image; or {@code prompt}, then an image step runs first), an optional
 * {@code style} hint and {@code seed}.
 */
@KnownFieldsOnly
@ImageTo3dInput.OneSource
@Schema(
    name = "ImageTo3dInput",
    description = "Input of an `image-to-3d`: exactly one of `imageUrl` (a PNG or JPEG the"
        + " service fetches: http(s), public addresses, at most 10 MB), `imageUploadId` (a"
        + " ready image upload of the caller's, read from storage), `imageFrom` (the image"
        + " of an earlier generation) or `prompt` (an image is generated first, priced as"
        + " its own step). Output: `image` and `model` (model/gltf-binary).")
public record ImageTo3dInput(
    @PublicUrl
    @Schema(description = "The picture to lift into 3D.", format = "uri", maxLength = PublicUrl.MAX)
    String imageUrl,

    @Text(max = MAX_ID)
    @Schema(description = "The picture to lift into 3D: a ready image upload (`upl_...`).")
    String imageUploadId,

    @Text(max = MAX_ID)
    @Schema(
        example = "gen_1c9e4b7a20",
        description = "The id of an own succeeded `image` or `image-to-3d` generation: its"
            + " image is lifted; only the mesh step runs and is charged (the image steps"
            + " show `skipped`), and the output's `image` is that picture, copied. Shown as"
            + " the generation's `parentId`. Someone else's generation gets the same 422 as"
            + " one that does not exist; one not succeeded or of another type: 422.")
    String imageFrom,

    @Text(max = MAX_TEXT) @Schema(description = "What to generate.")
    String prompt,

    @Text(max = MAX_STYLE)
    @Schema(description = "A free-form hint such as \"smooth\" or \"low poly\".")
    String style,

    @WholeNumber(min = 0, max = Long.MAX_VALUE) @Schema(format = "int64", description = SEED)
    BigDecimal seed)
    implements GenerationInput {
  public static final String TYPE = GenerationType.Names.IMAGE_TO_3D;
  public static final int MAX_STYLE = 200;

  /** Where the picture comes from: exactly one is given. A new source is one more name here. */
  public static final List<String> SOURCES =
      List.of("imageUrl", "imageUploadId", "imageFrom", "prompt");

  /** The same input with its seed. */
  public ImageTo3dInput withSeed(long seed) {
    return new ImageTo3dInput(
        imageUrl, imageUploadId, imageFrom, prompt, style, BigDecimal.valueOf(seed));
  }

  private long sourceCount() {
    return Stream.of(imageUrl, imageUploadId, imageFrom, prompt)
        .filter(Objects::nonNull)
        .count();
  }

  /** Exactly one of {@link #SOURCES}. */
  @Constraint(validatedBy = OneSource.Validator.class)
  @Target(java.lang.annotation.ElementType.TYPE)
  @Retention(RUNTIME)
  public @interface OneSource {
    String message() default "give exactly one of imageUrl, imageUploadId, imageFrom, prompt";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link OneSource}. */
    class Validator implements ConstraintValidator<OneSource, ImageTo3dInput> {
      @Override
      public boolean isValid(ImageTo3dInput input, ConstraintValidatorContext context) {
        return input == null || input.sourceCount() == 1;
      }
    }
  }
}
