package dev.cadenza.workflows;

import static dev.cadenza.workflows.GenerationMocks.staged;
import static dev.cadenza.workflows.GenerationMocks.stored;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.image.ImageGenerationRequest;
import dev.cadenza.workflows.image.ImageGenerationWorkflow;
import dev.cadenza.workflows.image.ImageGenerationWorkflowImpl;
import dev.cadenza.workflows.image.ImageInput;
import dev.cadenza.workflows.imageto3d.ImageTo3dInput;
import dev.cadenza.workflows.imageto3d.ImageTo3dRequest;
import dev.cadenza.workflows.imageto3d.ImageTo3dWorkflow;
import dev.cadenza.workflows.imageto3d.ImageTo3dWorkflowImpl;
import dev.cadenza.workflows.lane.UserLaneWorkflowImpl;
import dev.cadenza.workflows.media.RenderedVideo;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.publication.PublicationRequest;
import dev.cadenza.workflows.render.Publication;
import dev.cadenza.workflows.render.PublishTarget;
import dev.cadenza.workflows.render.RenderInput;
import dev.cadenza.workflows.render.RenderRequest;
import dev.cadenza.workflows.render.RenderWorkflow;
import dev.cadenza.workflows.render.RenderWorkflowImpl;
import dev.cadenza.workflows.render.Timeline;
import dev.cadenza.workflows.render.TimelineClip;
import dev.cadenza.workflows.render.TimelineTrack;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link MediaReplayTest} replays, for the image, image-to-3d and render
 * workflows. Run it after an intended, versioned change of one of them: {@code ./mvnw -pl
 * workflows test -Dtest=MediaHistoryRecorder -DrecordHistories=true}.
 */
@EnabledIfSystemProperty(named = "recordHistories", matches = "true")
class MediaHistoryRecorder {
  static final Path DIR = Path.of("src/test/resources/histories");
  static final String ID = "gen_replay1";
  static final ApplicationFailure REFUSED =
      ApplicationFailure.newNonRetryableFailure("refused", FailureTypes.CONTENT_REFUSED);

  @Test
  void record() throws Exception {
    record(
        "image-succeeded.json",
        ImageGenerationWorkflowImpl.class,
        m -> {},
        client -> image(client)
            .generate(new ImageGenerationRequest(
                ID, "usr_1", 3, new ImageInput("a fox", 512, 512, 1), 2)));
    record(
        "image-failed.json",
        ImageGenerationWorkflowImpl.class,
        m -> when(m.gpu.generateImage(any())).thenThrow(REFUSED),
        client -> image(client)
            .generate(new ImageGenerationRequest(
                ID, "usr_1", 3, new ImageInput("a fox", 512, 512, 1), 2)));
    record(
        "image-to-3d-url-succeeded.json",
        ImageTo3dWorkflowImpl.class,
        m -> {},
        client -> imageTo3d(client)
            .generate(new ImageTo3dRequest(
                ID,
                "usr_1",
                6,
                new ImageTo3dInput("https://example.com/a.png", null, null, 1),
                2)));
    record(
        "image-to-3d-prompt-failed.json",
        ImageTo3dWorkflowImpl.class,
        m -> when(m.gpu.generateMesh(any())).thenThrow(REFUSED),
        client -> imageTo3d(client)
            .generate(new ImageTo3dRequest(
                ID, "usr_1", 8, new ImageTo3dInput(null, "a cat", "clay", 1), 2)));
    record(
        "image-to-3d-from-parent-succeeded.json",
        ImageTo3dWorkflowImpl.class,
        m -> {},
        client -> imageTo3d(client)
            .generate(new ImageTo3dRequest(
                ID,
                "usr_1",
                6,
                new ImageTo3dInput(
                    null,
                    null,
                    "clay",
                    1,
                    new StagedFile(
                        "generations/gen_parent1/image.png",
                        "image.png",
                        "image/png",
                        1000,
                        "ab",
                        Map.of()),
                    null),
                2)));
    record(
        "render-succeeded.json",
        RenderWorkflowImpl.class,
        m -> {},
        client -> render(client).generate(renderRequest()));
    record(
        "render-failed.json",
        RenderWorkflowImpl.class,
        m -> when(m.gpu.renderVideo(any())).thenThrow(REFUSED),
        client -> render(client).generate(renderRequest()));
  }

  /**
   * A render with one immediate and two scheduled targets, one of them canceled by the update:
   * {@code -Dtest=MediaHistoryRecorder#recordScheduled -DrecordHistories=true}.
   */
  @Test
  void recordScheduled() throws Exception {
    record("render-scheduled.json", RenderWorkflowImpl.class, m -> {}, client -> {
      RenderWorkflow workflow = render(client);
      WorkflowClient.start(workflow::generate, scheduledRenderRequest());
      // The update goes in once the output (with both scheduled) is written.
      while (workflow.steps().steps().stream()
          .noneMatch(s -> s.name().equals("publishResult")
              && s.status() == dev.cadenza.workflows.generation.StepStatus.SUCCEEDED)) {
        sleep();
      }
      workflow.cancelPublication(2);
      return io.temporal.client.WorkflowStub.fromTyped(workflow).getResult(Object.class);
    });
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static RenderRequest scheduledRenderRequest() {
    RenderRequest plain = renderRequest();
    // Fixed times far ahead of the recording: the test server starts at the current time.
    String at = java.time.Instant.now().plus(java.time.Duration.ofHours(1)).toString();
    String later = java.time.Instant.now().plus(java.time.Duration.ofHours(2)).toString();
    return new RenderRequest(
        plain.generationId(),
        plain.userId(),
        plain.cost(),
        new RenderInput(
            plain.input().timeline(),
            List.of(
                new PublishTarget("webhook", "https://a.example/ok"),
                new PublishTarget("webhook", "https://a.example/ok", at),
                new PublishTarget("webhook", "https://b.example/later", later))),
        plain.maxConcurrent());
  }

  private void record(
      String file,
      Class<?> workflowType,
      Consumer<GenerationMocks> failure,
      Function<WorkflowClient, Object> run)
      throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      GenerationSearchAttributes.ALL.forEach(
          key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationTypes(workflowType, UserLaneWorkflowImpl.class);
      GenerationMocks mocks = new GenerationMocks();
      when(mocks.gpu.generateImage(any())).thenReturn(staged(ID, "image.png", "image/png"));
      when(mocks.fetch.fetchImage(any())).thenReturn(staged(ID, "image.png", "image/png"));
      when(mocks.gpu.generateMesh(any())).thenReturn(staged(ID, "model.glb", "model/gltf-binary"));
      when(mocks.fetch.fetchSources(any()))
          .thenReturn(List.of(staged(ID, "source-0.png", "image/png")));
      when(mocks.gpu.renderVideo(any()))
          .thenReturn(new RenderedVideo(
              staged(ID, "video.mp4", "video/mp4"), staged(ID, "thumbnail.png", "image/png")));
      when(mocks.storage.storeOutputs(any()))
          .thenReturn(List.of(stored(ID, "a.bin", "image/png"), stored(ID, "b.bin", "image/png")));
      when(mocks.publisher.publishToTarget(argThat(p -> p != null && p.index() == 0)))
          .thenAnswer(inv ->
              Publication.delivered(inv.<PublicationRequest>getArgument(0).target(), 200));
      when(mocks.publisher.publishToTarget(argThat(p -> p != null && p.index() == 1)))
          .thenThrow(ApplicationFailure.newNonRetryableFailure(
              "answered 404", FailureTypes.INVALID_INPUT));
      failure.accept(mocks);
      mocks.register(env, worker, env.getWorkflowClient());
      env.start();
      try {
        run.apply(env.getWorkflowClient());
      } catch (RuntimeException expectedForFailure) {
        // the failed history is what we want
      }
      Files.createDirectories(DIR);
      Files.writeString(
          DIR.resolve(file),
          env.getWorkflowClient().fetchHistory(id(workflowType)).toJson(true));
    }
  }

  private static String id(Class<?> workflowType) {
    if (workflowType == ImageGenerationWorkflowImpl.class) {
      return ImageGenerationWorkflow.ID_PREFIX + ID;
    }
    return workflowType == ImageTo3dWorkflowImpl.class
        ? ImageTo3dWorkflow.ID_PREFIX + ID
        : RenderWorkflow.ID_PREFIX + ID;
  }

  private static ImageGenerationWorkflow image(WorkflowClient client) {
    return client.newWorkflowStub(
        ImageGenerationWorkflow.class, options(ImageGenerationWorkflow.ID_PREFIX));
  }

  private static ImageTo3dWorkflow imageTo3d(WorkflowClient client) {
    return client.newWorkflowStub(ImageTo3dWorkflow.class, options(ImageTo3dWorkflow.ID_PREFIX));
  }

  private static RenderWorkflow render(WorkflowClient client) {
    return client.newWorkflowStub(RenderWorkflow.class, options(RenderWorkflow.ID_PREFIX));
  }

  private static WorkflowOptions options(String prefix) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(prefix + ID)
        .setTaskQueue("replay")
        .build();
  }

  private static RenderRequest renderRequest() {
    Timeline timeline = new Timeline(
        320,
        240,
        12,
        2,
        List.of(
            new TimelineTrack("video", List.of(new TimelineClip(0, 2, null, null, "#112233"))),
            new TimelineTrack(
                "image",
                List.of(new TimelineClip(0, 2, null, "https://example.com/a.png", null)))));
    return new RenderRequest(
        ID,
        "usr_1",
        5,
        new RenderInput(
            timeline,
            List.of(
                new PublishTarget("webhook", "https://a.example/ok"),
                new PublishTarget("webhook", "https://b.example/missing"))),
        2);
  }
}
