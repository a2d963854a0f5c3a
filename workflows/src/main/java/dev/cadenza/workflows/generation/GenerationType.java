package dev.cadenza.workflows.generation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cadenza.workflows.image.ImageGenerationWorkflow;
import dev.cadenza.workflows.imageto3d.ImageTo3dWorkflow;
import dev.cadenza.workflows.render.RenderWorkflow;
import dev.cadenza.workflows.song.SongGenerationWorkflow;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of generation, each with its name on the wire (API.md's {@code type}, the {@code
 * generations.type} column, the {@code GenerationType} search attribute), its workflow and the
 * workflow ids derived from the name: {@code <name>-<generationId>}, e.g. {@code song-gen_123}.
 *
 * <p>Jackson writes the wire name and reads it back, so the workflow payloads recorded when these
 * fields were strings (the replay histories) read as they are.
 */
public enum GenerationType {
  SONG(Names.SONG, SongGenerationWorkflow.class),
  IMAGE(Names.IMAGE, ImageGenerationWorkflow.class),
  IMAGE_TO_3D(Names.IMAGE_TO_3D, ImageTo3dWorkflow.class),
  RENDER(Names.RENDER, RenderWorkflow.class);

  /** The wire names as constants, for annotations ({@code @JsonSubTypes}), which take no calls. */
  public static final class Names {
    public static final String SONG = "song";
    public static final String IMAGE = "image";
    public static final String IMAGE_TO_3D = "image-to-3d";
    public static final String RENDER = "render";

    private Names() {}
  }

  private final String wireName;
  private final Class<? extends GenerationWorkflow> workflow;

  GenerationType(String wireName, Class<? extends GenerationWorkflow> workflow) {
    this.wireName = wireName;
    this.workflow = workflow;
  }

  /** {@code song}, {@code image}, {@code image-to-3d}, {@code render}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The type of the given wire name. */
  @JsonCreator
  public static GenerationType of(String wireName) {
    return find(wireName)
        .orElseThrow(() -> new IllegalArgumentException("unknown generation type " + wireName));
  }

  /** The type of the given wire name, or empty when there is none (a user's typo). */
  public static Optional<GenerationType> find(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }

  /** Every wire name, in the order API.md lists them. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(GenerationType::wireName).toList();
  }

  /** Whether {@code wireName} (a stored generation's type) names this type. */
  public boolean is(String wireName) {
    return this.wireName.equals(wireName);
  }

  /** The workflow interface that generates this type. */
  public Class<? extends GenerationWorkflow> workflow() {
    return workflow;
  }

  /** The Temporal workflow type: the workflow interface's simple name (the SDK's default). */
  public String workflowType() {
    return workflow.getSimpleName();
  }

  /** What every workflow id of this type starts with: {@code song-}, ... */
  public String idPrefix() {
    return wireName + "-";
  }

  /** The workflow id of a generation of this type: the idempotency anchor of its start. */
  public String workflowId(String generationId) {
    return idPrefix() + generationId;
  }

  /** The wire name, so that the type reads as the user knows it in messages and logs. */
  @Override
  public String toString() {
    return wireName;
  }
}
