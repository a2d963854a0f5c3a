package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.storage.LocalObjectStorage;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.storage.UrlSigner;
import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.media.AudioRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.text.Categorization;
import dev.cadenza.workflows.text.CategorizeRequest;
import dev.cadenza.workflows.text.TextActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two activity-worker processes (each its own Temporal worker and {@link GpuFleet}) on one task
 * queue, two real GPU workers: an activity whose GPU job completed and whose attempt then failed
 * outside the GPU is retried by the <em>other</em> process, which knows nothing of the job in
 * memory. The retry must find the job's worker from the heartbeat details Temporal kept and
 * re-attach there, so the model ran once.
 *
 * <p>Ties in load go to the first listed worker; the second process lists the GPU workers the other
 * way round, so a retry that ignored the heartbeat would pick the worker without the job.
 */
public class FleetPlacementAcrossProcessesTest {

  private static final String WORKFLOWS = "placement-workflows";
  private static final String ACTIVITIES = "placement-activities";
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** The audio runner's last stage, encoding, starts at 95%. */
  private static final int PERCENT_SEEN = 95;

  private static final JobProgressListener NO_PROGRESS = (id, step, percent) -> {};

  @TempDir
  Path storageRoot;

  private TestWorkflowEnvironment env;
  private GpuWorkerServer gpu1;
  private GpuWorkerServer gpu2;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void start() {
    gpu1 = Workers.start("gpu-1", GpuWorkerConfig.builder());
    gpu2 = Workers.start("gpu-2", GpuWorkerConfig.builder());
    // Real time: the heartbeat timeout and the retry backoff must behave as in production.
    env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(WORKFLOWS).registerWorkflowImplementationTypes(OneStepWorkflowImpl.class);
    env.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : closing.reversed()) {
      resource.close();
    }
    env.close();
    gpu1.stop();
    gpu2.stop();
  }

  @Test
  void aStorageFaultRetriedInTheOtherProcessReattachesToTheGpuJob() throws Exception {
    WorkerFactory first =
        process(new MediaActivitiesImpl(fleet(gpu1, gpu2), brokenWrites(storage()), NO_PROGRESS));
    WorkflowStub workflow = startWorkflow("wf-audio", OneStepWorkflow.AUDIO);

    GpuJobHeartbeat recorded = heartbeat(awaitRetry(workflow.getExecution()));
    stopProcess(first);
    LocalObjectStorage storage = storage();
    process(new MediaActivitiesImpl(fleet(gpu2, gpu1), storage, NO_PROGRESS));
    String key = workflow.getResult(WAIT.toSeconds(), TimeUnit.SECONDS, String.class);

    assertThat(key).isEqualTo("staging/gen_1/audio.wav");
    assertThat(storage.stat(key)).isPresent();
    assertThat(executed(gpu1, "audio") + executed(gpu2, "audio")).isEqualTo(1);
    assertThat(executed(gpu1, "audio"))
        .as("ran where the first process sent it")
        .isEqualTo(1);
    assertThat(Workers.metrics(gpu1, "audio").jobsReattached()).isEqualTo(1);
    assertThat(recorded.addressByJobId())
        .containsExactly(entry("wf-audio:GenerateAudio", Workers.address(gpu1)));
    assertThat(recorded.percent()).as("progress stays visible").isEqualTo(PERCENT_SEEN);
  }

  @Test
  void bothJobsOfAStepReattachWhenTheAnswerIsLostAfterThem() throws Exception {
    WorkerFactory first = process(new AnswerLostTextActivities(fleet(gpu1, gpu2)));
    WorkflowStub workflow = startWorkflow("wf-categorize", OneStepWorkflow.CATEGORIZE);

    // The second job was placed within the SDK's heartbeat throttle interval (16 s for LLM
    // steps): its placement reaches the server only with the failure of the attempt.
    GpuJobHeartbeat recorded = heartbeat(awaitRetry(workflow.getExecution()));
    stopProcess(first);
    process(new TextActivitiesImpl(fleet(gpu2, gpu1), NO_PROGRESS));
    String title = workflow.getResult(WAIT.toSeconds(), TimeUnit.SECONDS, String.class);

    assertThat(title).isNotBlank();
    assertThat(executed(gpu1, "text") + executed(gpu2, "text")).isEqualTo(2);
    assertThat(Workers.metrics(gpu1, "text").jobsReattached()
            + Workers.metrics(gpu2, "text").jobsReattached())
        .isEqualTo(2);
    assertThat(recorded.addressByJobId())
        .containsOnlyKeys("wf-categorize:Categorize:title", "wf-categorize:Categorize:categories");
  }

  @Test
  void aRetryAfterTheFirstProcessHungReattachesToTheGpuJob() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch hung = new CountDownLatch(1);
    ObjectStorage hangingWrites = hangingWrites(storage(), hung, release);
    // Its one activity slot stays taken: it cannot poll for the retry, as if it had died.
    WorkerFactory first =
        process(new MediaActivitiesImpl(fleet(gpu1, gpu2), hangingWrites, NO_PROGRESS), 1);
    closing.add(release::countDown);
    WorkflowStub workflow = startWorkflow("wf-hung", OneStepWorkflow.AUDIO_SHORT_HEARTBEAT);

    assertThat(hung.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    first.shutdown();
    LocalObjectStorage storage = storage();
    process(new MediaActivitiesImpl(fleet(gpu2, gpu1), storage, NO_PROGRESS), 1);
    String key = workflow.getResult(WAIT.toSeconds(), TimeUnit.SECONDS, String.class);

    assertThat(storage.stat(key)).isPresent();
    assertThat(executed(gpu1, "audio") + executed(gpu2, "audio")).isEqualTo(1);
    assertThat(Workers.metrics(gpu1, "audio").jobsReattached()).isEqualTo(1);
  }

  /** Runs one step on the activity task queue, with the production options of its kind. */
  @WorkflowInterface
  public interface OneStepWorkflow {
    String AUDIO = "audio";
    String CATEGORIZE = "categorize";

    /** Audio, with a heartbeat timeout of 2 s instead of 10 s, so a hung attempt ends sooner. */
    String AUDIO_SHORT_HEARTBEAT = "audio-short-heartbeat";

    /**
     * @return the staged audio's key, or the song's title
     */
    @WorkflowMethod
    String run(String step);
  }

  public static class OneStepWorkflowImpl implements OneStepWorkflow {
    @Override
    public String run(String step) {
      if (step.equals(AUDIO) || step.equals(AUDIO_SHORT_HEARTBEAT)) {
        ActivityOptions.Builder options =
            ActivityOptions.newBuilder(ActivityKinds.GPU).setTaskQueue(ACTIVITIES);
        if (step.equals(AUDIO_SHORT_HEARTBEAT)) {
          options.setHeartbeatTimeout(Duration.ofSeconds(2));
        }
        MediaActivities media = Workflow.newActivityStub(MediaActivities.class, options.build());
        return media
            .generateAudio(
                new AudioRequest("gen_1", "user-1", "lo-fi, 76 bpm", "[instrumental]", 2, 7.0, 42))
            .key();
      }
      TextActivities text = Workflow.newActivityStub(
          TextActivities.class,
          ActivityOptions.newBuilder(ActivityKinds.LLM).setTaskQueue(ACTIVITIES).build());
      return text.categorize(new CategorizeRequest(
              "user-1",
              "a calm lo-fi song about rain",
              "lo-fi, melancholic, piano, 76 bpm, A minor",
              "[Verse]\nrain on the window",
              3))
          .title();
    }
  }

  /** The LLM answered both questions, then the answer was lost on its way back. */
  static final class AnswerLostTextActivities extends TextActivitiesImpl {
    AnswerLostTextActivities(GpuFleet fleet) {
      super(fleet, NO_PROGRESS);
    }

    @Override
    public Categorization categorize(CategorizeRequest request) {
      super.categorize(request);
      throw new IllegalStateException("the answer was lost");
    }
  }

  private WorkflowStub startWorkflow(String workflowId, String step) {
    OneStepWorkflow workflow = env.getWorkflowClient()
        .newWorkflowStub(
            OneStepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(WORKFLOWS)
                .build());
    WorkflowClient.start(workflow::run, step);
    return WorkflowStub.fromTyped(workflow);
  }

  /** Waits until the first attempt has failed and the server has scheduled the next one. */
  private PendingActivityInfo awaitRetry(WorkflowExecution execution) throws InterruptedException {
    PendingActivityInfo[] pending = new PendingActivityInfo[1];
    Workers.await("the activity is retried", WAIT, () -> {
      pending[0] = pendingActivity(execution).orElse(null);
      return pending[0] != null && pending[0].getAttempt() >= 2;
    });
    return pending[0];
  }

  private static GpuJobHeartbeat heartbeat(PendingActivityInfo pending) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0,
        Optional.of(pending.getHeartbeatDetails()),
        GpuJobHeartbeat.class,
        GpuJobHeartbeat.class);
  }

  private Optional<PendingActivityInfo> pendingActivity(WorkflowExecution execution) {
    return env
        .getWorkflowClient()
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(env.getNamespace())
            .setExecution(execution)
            .build())
        .getPendingActivitiesList()
        .stream()
        .findFirst();
  }

  /** An activity-worker process: its own Temporal worker on the activity queue. */
  private WorkerFactory process(Object activities) {
    return process(activities, 10);
  }

  private WorkerFactory process(Object activities, int activitySlots) {
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    Worker worker = factory.newWorker(
        ACTIVITIES,
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(activitySlots)
            .build());
    worker.registerActivitiesImplementations(activities);
    factory.start();
    closing.add(() -> stopProcess(factory));
    return factory;
  }

  /** Stops polling; the attempt already running finishes and reports first. */
  private static void stopProcess(WorkerFactory factory) {
    if (!factory.isTerminated()) {
      factory.shutdown();
      factory.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private GpuFleet fleet(GpuWorkerServer... workers) {
    List<String> addresses = new ArrayList<>();
    for (GpuWorkerServer worker : workers) {
      addresses.add(Workers.address(worker));
    }
    GpuFleet fleet = new GpuFleet(() -> addresses);
    closing.add(fleet);
    return fleet;
  }

  private LocalObjectStorage storage() {
    return new LocalObjectStorage(
        storageRoot,
        URI.create("http://localhost:8080"),
        new UrlSigner(new byte[32], Clock.systemUTC()),
        Clock.systemUTC());
  }

  /** {@code storage} whose writes fail, as on a full disk or an S3 outage. */
  private static ObjectStorage brokenWrites(ObjectStorage storage) {
    return (ObjectStorage) Proxy.newProxyInstance(
        ObjectStorage.class.getClassLoader(),
        new Class<?>[] {ObjectStorage.class},
        (proxy, method, args) -> {
          if (method.getName().equals("put") || method.getName().equals("copy")) {
            throw new UncheckedIOException(new IOException("no space left on device"));
          }
          try {
            return method.invoke(storage, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** {@code storage} whose writes hang until {@code release}, as in a stuck process. */
  private static ObjectStorage hangingWrites(
      ObjectStorage storage, CountDownLatch hung, CountDownLatch release) {
    return (ObjectStorage) Proxy.newProxyInstance(
        ObjectStorage.class.getClassLoader(),
        new Class<?>[] {ObjectStorage.class},
        (proxy, method, args) -> {
          if (method.getName().equals("put")) {
            hung.countDown();
            release.await();
            throw new UncheckedIOException(new IOException("stuck"));
          }
          try {
            return method.invoke(storage, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static long executed(GpuWorkerServer worker, String model) {
    return Workers.metrics(worker, model).jobsExecuted();
  }
}
