package dev.cadenza.api.tools;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tool catalogue with prices. */
@RestController
@Tag(name = "Tools", description = "The generation types and their prices.")
public class ToolController {

  /** The answer: every tool. */
  public record ToolList(List<Tool> data) {}

  private final ToolCatalog catalog;

  public ToolController(ToolCatalog catalog) {
    this.catalog = catalog;
  }

  @Operation(
      operationId = "listTools",
      summary = "The tool catalogue",
      description = "Every generation type with its price in credits; types priced per step list"
          + " their steps. A generation's `cost` is the sum of the steps it runs.")
  @GetMapping("/v1/tools")
  public ToolList tools() {
    return new ToolList(catalog.tools());
  }
}
