package dev.cadenza.api.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.workflows.generation.GenerationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {
  private final ToolCatalog catalog =
      new ToolCatalog(new PricingProperties(12, 3, new PricingProperties.ImageTo3d(4, 7), 9));

  @Test
  void everyTypeIsListedWithItsConfiguredPrice() {
    assertThat(catalog.tools())
        .extracting(Tool::type, Tool::price)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("song", 12L),
            org.assertj.core.groups.Tuple.tuple("image", 3L),
            org.assertj.core.groups.Tuple.tuple("image-to-3d", 11L),
            org.assertj.core.groups.Tuple.tuple("render", 9L));
  }

  @Test
  void imageTo3dIsPricedPerStep() {
    assertThat(catalog.tools().get(2).steps())
        .containsExactly(new Tool.Step("generateImage", 4), new Tool.Step("generateMesh", 7));
    assertThat(catalog.price(GenerationType.IMAGE_TO_3D)).isEqualTo(11);
    assertThat(catalog.price(GenerationType.IMAGE_TO_3D, List.of(ToolCatalog.GENERATE_MESH)))
        .isEqualTo(7);
  }
}
