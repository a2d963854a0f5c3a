package dev.cadenza.api.tools;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What each generation type costs, in credits ({@code app.pricing.*}); {@link ToolCatalog} is
 * the one place that reads it. Image-to-3D is priced per step.
 */
@Validated
@ConfigurationProperties(prefix = "app.pricing")
public record PricingProperties(
    @Positive @DefaultValue("10") long song,
    @Positive @DefaultValue("2") long image,
    @Valid @NotNull @DefaultValue ImageTo3d imageTo3d,
    @Positive @DefaultValue("5") long render) {

  /**
   * @param generateImage the image step, run only when the input is a prompt
   * @param generateMesh the 3D step, always run
   */
  public record ImageTo3d(
      @Positive @DefaultValue("2") long generateImage,
      @Positive @DefaultValue("6") long generateMesh) {}
}
