package dev.cadenza.workflows.render;

import dev.cadenza.workflows.generation.GenerationSteps;
import java.util.List;

/** Step names of a render, in the order the user sees them. Names match the activity methods. */
final class RenderSteps {
  static final String FETCH_SOURCES = "fetchSources";
  static final String RENDER_VIDEO = "renderVideo";
  static final String PUBLISH_TO_TARGET = "publishToTarget";

  static final List<String> ALL = List.of(
      GenerationSteps.RESERVE,
      FETCH_SOURCES,
      RENDER_VIDEO,
      GenerationSteps.STORE,
      GenerationSteps.CAPTURE,
      PUBLISH_TO_TARGET,
      GenerationSteps.PUBLISH);

  private RenderSteps() {}
}
