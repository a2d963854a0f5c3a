package dev.cadenza.workflows.render;

import static dev.cadenza.workflows.render.RenderSteps.*;

import dev.cadenza.workflows.fetch.FetchActivities;
import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourcesRequest;
import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflowShell;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.RenderJob;
import dev.cadenza.workflows.media.RenderedVideo;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.publication.PublicationActivities;
import dev.cadenza.workflows.publication.PublicationRequest;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

public class RenderWorkflowImpl extends GenerationWorkflowShell<RenderRequest, RenderOutput>
    implements RenderWorkflow {

  private final MediaActivities gpu =
      Workflow.newActivityStub(MediaActivities.class, ActivityKinds.GPU);
  private final FetchActivities fetch =
      Workflow.newActivityStub(FetchActivities.class, ActivityKinds.FETCH);
  private final PublicationActivities publisher =
      Workflow.newActivityStub(PublicationActivities.class, ActivityKinds.DELIVERY);
  private final ScheduledPublications scheduled = new ScheduledPublications();

  public RenderWorkflowImpl() {
    super(GenerationType.RENDER, RenderSteps.ALL);
  }

  @Override
  public RenderOutput generate(RenderRequest request) {
    scheduled.start(request.generationId(), request.input().publishTo());
    RenderOutput output = execute(request);
    if (output == null) {
      // The hold was refused (or its update never came): nothing ran, nothing to send later.
      return null;
    }
    // Succeeded and charged: what is left are the publications that wait for their time.
    scheduled.outputWritten();
    List<Publication> publications =
        scheduled.deliverWhenDue(request.userId(), output.video(), output.thumbnail());
    return new RenderOutput(output.video(), output.thumbnail(), publications);
  }

  @Override
  public Publication cancelPublication(int index) {
    return scheduled.cancel(index);
  }

  @Override
  public void validateCancelPublication(int index) {
    scheduled.validateCancel(index);
  }

  @Override
  protected Functions.Func<RenderOutput> work(RenderRequest request) {
    String id = request.generationId();
    Timeline timeline = request.input().timeline();

    List<Source> sources = timeline.sources();
    List<StagedFile> staged = sources.isEmpty()
        ? steps.skip(FETCH_SOURCES, List.of())
        : steps.run(FETCH_SOURCES, () -> fetch.fetchSources(new SourcesRequest(id, sources)));
    RenderedVideo rendered = steps.run(
        RENDER_VIDEO,
        () -> gpu.renderVideo(new RenderJob(id, request.userId(), timeline, sources, staged)));
    List<StoredAsset> stored = store(id, List.of(rendered.video(), rendered.thumbnail()));

    return () -> new RenderOutput(stored.get(0), stored.get(1), publish(request, stored));
  }

  /**
   * Sends the stored render to every target without {@code at} in parallel, each its own activity
   * with retries. A target that still fails is reported as such: the render is done and paid for
   * regardless. Scheduled targets show as they stand ({@code scheduled}); the step covers the
   * immediate ones and is skipped when there are none.
   */
  private List<Publication> publish(RenderRequest request, List<StoredAsset> stored) {
    List<PublishTarget> targets = request.input().publishTo();
    List<Integer> now = IntStream.range(0, targets.size())
        .filter(i -> !targets.get(i).scheduled())
        .boxed()
        .toList();
    if (now.isEmpty()) {
      return scheduled.outputBuilt(steps.skip(PUBLISH_TO_TARGET, Map.of()));
    }
    return scheduled.outputBuilt(steps.run(PUBLISH_TO_TARGET, () -> {
      Map<Integer, Promise<Publication>> deliveries = new LinkedHashMap<>();
      for (int i : now) {
        PublishTarget target = targets.get(i);
        PublicationRequest delivery = new PublicationRequest(
            request.generationId(), request.userId(), i, target, stored.get(0), stored.get(1));
        deliveries.put(
            i,
            Async.function(publisher::publishToTarget, delivery)
                .handle((published, failure) ->
                    failure == null ? published : Publication.failed(target, reason(failure))));
      }
      Map<Integer, Publication> delivered = new LinkedHashMap<>();
      deliveries.forEach((i, promise) -> delivered.put(i, promise.get()));
      return delivered;
    }));
  }

  static String reason(RuntimeException failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure) {
      return "The target did not answer in time.";
    }
    return "The delivery failed.";
  }
}
