package dev.cadenza.workflows.imageto3d;

import dev.cadenza.workflows.fetch.FetchActivities;
import dev.cadenza.workflows.fetch.FetchRequest;
import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourceKind;
import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.generation.GenerationSteps;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflowShell;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.MeshRequest;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.List;

public class ImageTo3dWorkflowImpl
    extends GenerationWorkflowShell<ImageTo3dRequest, ImageTo3dOutput>
    implements ImageTo3dWorkflow {
  static final String GENERATE_IMAGE = "generateImage";
  static final String FETCH_IMAGE = "fetchImage";
  static final String GENERATE_MESH = "generateMesh";
  static final List<String> STEPS = List.of(
      GenerationSteps.RESERVE,
      GENERATE_IMAGE,
      FETCH_IMAGE,
      GENERATE_MESH,
      GenerationSteps.STORE,
      GenerationSteps.CAPTURE,
      GenerationSteps.PUBLISH);

  private final MediaActivities gpu =
      Workflow.newActivityStub(MediaActivities.class, ActivityKinds.GPU);
  private final FetchActivities fetch =
      Workflow.newActivityStub(FetchActivities.class, ActivityKinds.FETCH);

  public ImageTo3dWorkflowImpl() {
    super(GenerationType.IMAGE_TO_3D, STEPS);
  }

  @Override
  public ImageTo3dOutput generate(ImageTo3dRequest request) {
    return execute(request);
  }

  @Override
  protected Functions.Func<ImageTo3dOutput> work(ImageTo3dRequest request) {
    String id = request.generationId();
    ImageTo3dInput in = request.input();
    StagedFile image = picture(request);
    StagedFile model = steps.run(
        GENERATE_MESH,
        () ->
            gpu.generateMesh(new MeshRequest(id, request.userId(), image, in.style(), in.seed())));
    List<StoredAsset> stored = store(id, List.of(image, model));
    ImageTo3dOutput output = new ImageTo3dOutput(stored.get(0), stored.get(1));
    return () -> output;
  }

  /**
   * The user's picture, uploaded or fetched; the image of an earlier generation, already in
   * storage; or one painted from their prompt.
   */
  private StagedFile picture(ImageTo3dRequest request) {
    String id = request.generationId();
    ImageTo3dInput in = request.input();
    StagedFile stored = in.upload() != null ? in.upload() : in.imageFrom();
    if (stored != null) {
      // Already in storage (an upload checked when it was completed, or an earlier generation's
      // image): the mesh step reads it there. Histories recorded before either existed have
      // neither, so they replay down the paths below without a version marker.
      steps.skip(GENERATE_IMAGE, null);
      steps.skip(FETCH_IMAGE, null);
      return stored;
    }
    if (in.imageUrl() != null) {
      steps.skip(GENERATE_IMAGE, null);
      return steps.run(
          FETCH_IMAGE,
          () -> fetch.fetchImage(
              new FetchRequest(id, new Source(in.imageUrl(), SourceKind.IMAGE), "image")));
    }
    steps.skip(FETCH_IMAGE, null);
    int size = ImageTo3dInput.IMAGE_SIZE;
    return steps.run(
        GENERATE_IMAGE,
        () -> gpu.generateImage(
            new ImageRequest(id, request.userId(), in.prompt(), size, size, in.seed())));
  }
}
