package dev.cadenza.api.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.generation.input.GenerationInput;
import dev.cadenza.api.generation.input.ImageInput;
import dev.cadenza.api.generation.input.ImageTo3dInput;
import dev.cadenza.api.generation.input.RenderInput;
import dev.cadenza.api.generation.input.SongInput;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.api.tools.ToolCatalog;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.image.ImageGenerationRequest;
import dev.cadenza.workflows.imageto3d.ImageTo3dRequest;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.render.RenderRequest;
import dev.cadenza.workflows.song.SongRequest;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Each generation type's price and workflow: turns a request's validated {@code input} into a
 * {@link PreparedGeneration}, after the checks that need the database (an upload id, a parent
 * generation) and the song's mode, which a remix's parent completes.
 */
@Component
public class GenerationTypes {
  /** The types of API.md. */
  public static final List<String> TYPES = GenerationType.wireNames();

  private static final SecureRandom SEEDS = new SecureRandom();
  /** The stored input: the fields as accepted, defaults filled in. */
  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final ToolCatalog catalog;
  private final ParentGenerations parents;

  public GenerationTypes(ToolCatalog catalog, ParentGenerations parents) {
    this.catalog = catalog;
    this.parents = parents;
  }

  /**
   * @param userId who asks: an input may build on a generation they may see
   * @param uploads resolves the upload ids of the input, for the requesting user
   * @throws InvalidInputException when the input breaks the type's contract
   */
  public PreparedGeneration prepare(String userId, GenerationInput input, UploadResolver uploads) {
    return switch (input) {
      case SongInput song -> song(userId, song);
      case ImageInput image -> image(image);
      case ImageTo3dInput mesh -> imageTo3d(userId, mesh, uploads);
      case RenderInput render -> render(render, uploads);
    };
  }

  private PreparedGeneration song(String userId, SongInput request) {
    SongRemix.Merged remix = SongRemix.of(
        request, parentId -> parents.song(userId, parentId, "input." + SongRemix.FIELD));
    SongInput song = remix.input();
    FieldProblem mode = SongModes.problem(song);
    if (mode != null) {
      throw new InvalidInputException(List.of(mode));
    }
    var input = new dev.cadenza.workflows.song.SongInput(
        song.description(),
        song.prompt(),
        song.lyrics(),
        song.lyricsDescription(),
        song.instrumentalSong(),
        song.durationSeconds() == null
            ? SongInput.DEFAULT_DURATION
            : song.durationSeconds().intValueExact(),
        song.guidanceScale() == null
            ? SongInput.DEFAULT_GUIDANCE
            : song.guidanceScale().doubleValue(),
        seed(song.seed()));
    ObjectNode normalized = JSON.valueToTree(input);
    if (remix.parentId() != null) {
      normalized.put(SongRemix.FIELD, remix.parentId());
    }
    long cost = catalog.price(GenerationType.SONG);
    return new PreparedGeneration(
        GenerationType.SONG,
        normalized,
        cost,
        (id, user, limit) -> new SongRequest(id, user, cost, input, limit),
        remix.parentId());
  }

  private PreparedGeneration image(ImageInput image) {
    var input = new dev.cadenza.workflows.image.ImageInput(
        image.prompt(), size(image.width()), size(image.height()), seed(image.seed()));
    long cost = catalog.price(GenerationType.IMAGE);
    return new PreparedGeneration(
        GenerationType.IMAGE,
        JSON.valueToTree(input),
        cost,
        (id, user, limit) -> new ImageGenerationRequest(id, user, cost, input, limit));
  }

  private PreparedGeneration imageTo3d(String userId, ImageTo3dInput mesh, UploadResolver uploads) {
    StagedFile upload = null;
    if (mesh.imageUploadId() != null) {
      try {
        upload = uploads.resolve("input.imageUploadId", mesh.imageUploadId(), "image", "image");
      } catch (UploadResolver.Refused e) {
        throw new InvalidInputException(
            List.of(new FieldProblem("input.imageUploadId", e.getMessage())));
      }
    }
    StagedFile parentImage = mesh.imageFrom() == null
        ? null
        : parents.image(userId, mesh.imageFrom(), "input.imageFrom");
    long seed = seed(mesh.seed());
    var input = new dev.cadenza.workflows.imageto3d.ImageTo3dInput(
        mesh.imageUrl(), mesh.prompt(), mesh.style(), seed, parentImage, upload);
    // Only a picture made from the prompt runs (and charges) the image step.
    long cost = mesh.prompt() != null
        ? catalog.price(GenerationType.IMAGE_TO_3D)
        : catalog.price(GenerationType.IMAGE_TO_3D, List.of(ToolCatalog.GENERATE_MESH));
    return new PreparedGeneration(
        GenerationType.IMAGE_TO_3D,
        JSON.valueToTree(mesh.withSeed(seed)),
        cost,
        (id, user, limit) -> new ImageTo3dRequest(id, user, cost, input, limit),
        mesh.imageFrom());
  }

  private PreparedGeneration render(RenderInput render, UploadResolver uploads) {
    RenderTimeline.Prepared prepared = RenderTimeline.prepare(render, uploads);
    long cost = catalog.price(GenerationType.RENDER);
    return new PreparedGeneration(
        GenerationType.RENDER,
        prepared.normalized(),
        cost,
        (id, user, limit) -> new RenderRequest(id, user, cost, prepared.input(), limit));
  }

  private static int size(BigDecimal side) {
    return side == null ? ImageInput.DEFAULT_SIZE : side.intValueExact();
  }

  /** The request's seed, or a new random one. */
  private static long seed(BigDecimal seed) {
    return seed == null ? SEEDS.nextInt(Integer.MAX_VALUE) : seed.longValueExact();
  }
}
