package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.api.tools.ToolCatalog;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.net.OutboundProperties;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.image.ImageGenerationRequest;
import dev.cadenza.workflows.imageto3d.ImageTo3dRequest;
import dev.cadenza.workflows.render.RenderRequest;
import dev.cadenza.workflows.song.SongRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Each generation type's input parser, price and workflow: turns a request's {@code type} and
 * {@code input} into a {@link PreparedGeneration}, or reports every problem of the input (422).
 */
@Component
public class GenerationTypes {
  /** The types of API.md. */
  public static final List<String> TYPES = GenerationType.wireNames();

  private final ToolCatalog catalog;
  private final OutboundAddressPolicy policy;
  private final ParentGenerations parents;

  public GenerationTypes(
      ToolCatalog catalog, OutboundProperties outbound, ParentGenerations parents) {
    this.catalog = catalog;
    this.policy = outbound.policy();
    this.parents = parents;
  }

  /**
   * @param userId who asks: an input may build on a generation they may see
   * @param type one of {@link #TYPES}
   * @param uploads resolves the upload ids of the input, for the requesting user
   * @throws InvalidInputException when the input breaks the type's contract
   */
  public PreparedGeneration prepare(
      String userId, String type, JsonNode input, UploadResolver uploads) {
    return switch (GenerationType.of(type)) {
      case SONG -> {
        SongRemix.Merged remix = SongRemix.of(
            input, parentId -> parents.song(userId, parentId, "input." + SongRemix.FIELD));
        SongInputParser.Parsed song = SongInputParser.parse(remix.input());
        if (remix.parentId() != null) {
          ((ObjectNode) song.normalized()).put(SongRemix.FIELD, remix.parentId());
        }
        long cost = catalog.price(GenerationType.SONG);
        yield new PreparedGeneration(
            GenerationType.SONG,
            song.normalized(),
            cost,
            (id, user, limit) -> new SongRequest(id, user, cost, song.input(), limit),
            remix.parentId());
      }
      case IMAGE -> {
        ImageInputParser.Parsed image = ImageInputParser.parse(input);
        long cost = catalog.price(GenerationType.IMAGE);
        yield new PreparedGeneration(
            GenerationType.IMAGE,
            image.normalized(),
            cost,
            (id, user, limit) -> new ImageGenerationRequest(id, user, cost, image.input(), limit));
      }
      case IMAGE_TO_3D -> {
        ImageTo3dInputParser.Parsed mesh = ImageTo3dInputParser.parse(
            input, policy, uploads, parentId -> parents.image(userId, parentId, "input.imageFrom"));
        long cost = mesh.fromPrompt()
            ? catalog.price(GenerationType.IMAGE_TO_3D)
            : catalog.price(GenerationType.IMAGE_TO_3D, List.of(ToolCatalog.GENERATE_MESH));
        yield new PreparedGeneration(
            GenerationType.IMAGE_TO_3D,
            mesh.normalized(),
            cost,
            (id, user, limit) -> new ImageTo3dRequest(id, user, cost, mesh.input(), limit),
            mesh.parentId());
      }
      case RENDER -> {
        RenderInputParser.Parsed render = RenderInputParser.parse(input, policy, uploads);
        long cost = catalog.price(GenerationType.RENDER);
        yield new PreparedGeneration(
            GenerationType.RENDER,
            render.normalized(),
            cost,
            (id, user, limit) -> new RenderRequest(id, user, cost, render.input(), limit));
      }
    };
  }
}
