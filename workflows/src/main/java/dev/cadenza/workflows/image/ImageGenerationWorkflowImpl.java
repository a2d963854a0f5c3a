package dev.cadenza.workflows.image;

import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.generation.GenerationRun;
import dev.cadenza.workflows.generation.GenerationSteps;
import dev.cadenza.workflows.generation.StepsSnapshot;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.StagedFile;
import io.temporal.workflow.Workflow;
import java.util.List;

public class ImageGenerationWorkflowImpl implements ImageGenerationWorkflow {
  static final String GENERATE_IMAGE = "generateImage";
  static final List<String> STEPS = List.of(
      GenerationSteps.RESERVE,
      GENERATE_IMAGE,
      GenerationSteps.STORE,
      GenerationSteps.CAPTURE,
      GenerationSteps.PUBLISH);

  private final MediaActivities gpu =
      Workflow.newActivityStub(MediaActivities.class, ActivityKinds.GPU);
  private final GenerationRun run = new GenerationRun(STEPS);

  @Override
  public ImageOutput generate(ImageGenerationRequest request) {
    return run.execute(request.generationId(), () -> compose(request));
  }

  @Override
  public void laneGranted() {
    run.laneGranted();
  }

  @Override
  public ReserveAnswer reserve(Admission admission) {
    return run.admit(admission);
  }

  @Override
  public StepsSnapshot steps() {
    return run.snapshot();
  }

  private ImageOutput compose(ImageGenerationRequest request) {
    String id = request.generationId();
    ImageInput in = request.input();
    run.reserve("image", id, request.userId(), request.cost(), request.maxConcurrent());
    StagedFile image = run.steps()
        .run(
            GENERATE_IMAGE,
            () -> gpu.generateImage(new ImageRequest(
                id, request.userId(), in.prompt(), in.width(), in.height(), in.seed())));
    ImageOutput output = new ImageOutput(run.store(id, List.of(image)).get(0));
    return run.deliver(id, () -> output);
  }
}
