package dev.cadenza.api.tools;

import dev.cadenza.workflows.generation.GenerationType;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The generation types with their prices, from configuration ({@link PricingProperties}): what
 * {@code GET /v1/tools} shows and what a generation holds. A type priced per step costs the sum
 * of the steps it will run.
 */
@Component
public class ToolCatalog {
  public static final String GENERATE_IMAGE = "generateImage";
  public static final String GENERATE_MESH = "generateMesh";

  private final List<Tool> tools;

  public ToolCatalog(PricingProperties pricing) {
    PricingProperties.ImageTo3d mesh = pricing.imageTo3d();
    this.tools = List.of(
        new Tool(
            GenerationType.SONG.wireName(),
            "Song",
            "A song with lyrics (or instrumental), audio and cover art.",
            pricing.song(),
            List.of()),
        new Tool(
            GenerationType.IMAGE.wireName(),
            "Image",
            "A PNG image from a prompt.",
            pricing.image(),
            List.of()),
        new Tool(
            GenerationType.IMAGE_TO_3D.wireName(),
            "Image to 3D",
            "A textured 3D model (GLB) of a picture. From a prompt both steps run; from an"
                + " imageUrl only generateMesh.",
            mesh.generateImage() + mesh.generateMesh(),
            List.of(
                new Tool.Step(GENERATE_IMAGE, mesh.generateImage()),
                new Tool.Step(GENERATE_MESH, mesh.generateMesh()))),
        new Tool(
            GenerationType.RENDER.wireName(),
            "Video render",
            "A timeline rendered to an H.264 MP4 with a thumbnail, optionally published.",
            pricing.render(),
            List.of()));
  }

  public List<Tool> tools() {
    return tools;
  }

  /** The price of a type when every priced step runs. */
  public long price(GenerationType type) {
    return tool(type).price();
  }

  /** The cost of a type when only {@code steps} of its priced steps run. */
  public long price(GenerationType type, List<String> steps) {
    return tool(type).steps().stream()
        .filter(s -> steps.contains(s.name()))
        .mapToLong(Tool.Step::price)
        .sum();
  }

  private Tool tool(GenerationType type) {
    return tools.stream()
        .filter(t -> type.is(t.type()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no tool " + type));
  }
}
