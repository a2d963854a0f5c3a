package dev.cadenza.workflows.image;

import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.generation.GenerationSteps;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflowShell;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.StagedFile;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.List;

public class ImageGenerationWorkflowImpl
    extends GenerationWorkflowShell<ImageGenerationRequest, ImageOutput>
    implements ImageGenerationWorkflow {
  static final String GENERATE_IMAGE = "generateImage";
  static final List<String> STEPS = List.of(
      GenerationSteps.RESERVE,
      GENERATE_IMAGE,
      GenerationSteps.STORE,
      GenerationSteps.CAPTURE,
      GenerationSteps.PUBLISH);

  private final MediaActivities gpu =
      Workflow.newActivityStub(MediaActivities.class, ActivityKinds.GPU);

  public ImageGenerationWorkflowImpl() {
    super(GenerationType.IMAGE, STEPS);
  }

  @Override
  public ImageOutput generate(ImageGenerationRequest request) {
    return execute(request);
  }

  @Override
  protected Functions.Func<ImageOutput> work(ImageGenerationRequest request) {
    String id = request.generationId();
    ImageInput in = request.input();
    StagedFile image = steps.run(
        GENERATE_IMAGE,
        () -> gpu.generateImage(new ImageRequest(
            id, request.userId(), in.prompt(), in.width(), in.height(), in.seed())));
    ImageOutput output = new ImageOutput(store(id, List.of(image)).get(0));
    return () -> output;
  }
}
