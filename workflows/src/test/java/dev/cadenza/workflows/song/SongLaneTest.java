package dev.cadenza.workflows.song;

import static dev.cadenza.workflows.song.SongFixtures.*;
import static dev.cadenza.workflows.visibility.GenerationSearchAttributes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.lane.LaneActivities;
import dev.cadenza.workflows.lane.LaneActivitiesImpl;
import dev.cadenza.workflows.lane.LaneState;
import dev.cadenza.workflows.lane.LaneTicket;
import dev.cadenza.workflows.lane.UserLaneWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's songs beyond their concurrency limit wait in their lane, in submission order. */
class SongLaneTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      GenerationMocks.extension(SongGenerationWorkflowImpl.class);

  private final GenerationMocks mocks = new GenerationMocks();
  private final CreditsActivities credits = mocks.credits;
  private final GenerationActivities generations = mocks.generations;

  private final List<String> started = new CopyOnWriteArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();
  private final AtomicInteger joinFailures = new AtomicInteger();
  private volatile CountDownLatch audioGate = new CountDownLatch(0);

  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    LaneActivities lanes = new LaneActivitiesImpl(client);
    mocks.register(env, worker, (LaneActivities) (userId, ticket) -> {
      if (joinFailures.getAndDecrement() > 0) {
        throw new IllegalStateException("Temporal briefly unreachable");
      }
      lanes.joinLane(userId, ticket);
    });
    answerAsASong(mocks);
    doAnswer(inv -> {
          started.add(inv.getArgument(0));
          mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          return null;
        })
        .when(generations)
        .markRunning(any());
    doAnswer(inv -> {
          running.decrementAndGet();
          return null;
        })
        .when(generations)
        .publishResult(any());
    doAnswer(inv -> {
          running.decrementAndGet();
          return null;
        })
        .when(generations)
        .recordFailure(any());
    when(mocks.gpu.generateAudio(any())).thenAnswer(inv -> {
      audioGate.await();
      Thread.sleep(100);
      return audio();
    });
    env.start();
  }

  @Test
  void userLimitedToOneRunsThreeSongsOneAfterAnotherInSubmissionOrder() {
    audioGate = new CountDownLatch(1);
    List<SongGenerationWorkflow> songs = List.of(
        submitInTurn("gen_lane1", "usr_a", 1),
        submitInTurn("gen_lane2", "usr_a", 1),
        submitInTurn("gen_lane3", "usr_a", 1));
    assertThat(lane("usr_a").waiting())
        .extracting(LaneTicket::generationId)
        .containsExactly("gen_lane2", "gen_lane3");
    assertThat(started).containsExactly("gen_lane1");
    audioGate.countDown();

    for (SongGenerationWorkflow song : songs) {
      assertThat(WorkflowStub.fromTyped(song).getResult(SongOutput.class)).isNotNull();
    }

    assertThat(started).containsExactly("gen_lane1", "gen_lane2", "gen_lane3");
    assertThat(mostRunning).hasValue(1);
    verify(credits, times(3)).captureCredits(any());
    verify(credits, never()).releaseCredits(any());
  }

  @Test
  void limitOfTwoRunsTwoAtOnceAndUsersDoNotShareALane() {
    audioGate = new CountDownLatch(1);
    SongGenerationWorkflow one = submit("gen_two1", "usr_b", 2);
    SongGenerationWorkflow two = submit("gen_two2", "usr_b", 2);
    await(() -> started.size() == 2);
    List<SongGenerationWorkflow> songs =
        List.of(one, two, submit("gen_two3", "usr_b", 2), submit("gen_other", "usr_c", 2));

    await(() -> started.size() == 3);
    assertThat(started).containsExactlyInAnyOrder("gen_two1", "gen_two2", "gen_other");
    assertThat(lane("usr_b").waiting())
        .extracting(LaneTicket::generationId)
        .containsExactly("gen_two3");
    audioGate.countDown();
    songs.forEach(s -> WorkflowStub.fromTyped(s).getResult(SongOutput.class));
    assertThat(started).last().isEqualTo("gen_two3");
  }

  @Test
  void canceledWhileQueuedReleasesItsHoldOnceNeverRunsAndTheNextOneStarts() throws Exception {
    audioGate = new CountDownLatch(1);
    SongGenerationWorkflow first = submitInTurn("gen_q1", "usr_d", 1);
    SongGenerationWorkflow queued = submitInTurn("gen_q2", "usr_d", 1);
    SongGenerationWorkflow last = submitInTurn("gen_q3", "usr_d", 1);
    await(() -> lane("usr_d").waiting().size() == 2);

    WorkflowStub.fromTyped(queued).cancel();
    assertThatThrownBy(() -> WorkflowStub.fromTyped(queued).getResult(SongOutput.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    audioGate.countDown();
    WorkflowStub.fromTyped(first).getResult(SongOutput.class);
    WorkflowStub.fromTyped(last).getResult(SongOutput.class);

    assertThat(started).containsExactly("gen_q1", "gen_q3");
    verify(credits, times(1)).releaseCredits("gen_q2");
    verify(credits, never()).captureCredits("gen_q2");
    verify(generations, times(1)).recordFailure(any());
    await(() -> lane("usr_d").running().isEmpty() && lane("usr_d").waiting().isEmpty());
  }

  @Test
  void aRaisedLimitStartsWaitingSongsAtOnce() {
    audioGate = new CountDownLatch(1);
    SongGenerationWorkflow first = submit("gen_r1", "usr_e", 1);
    SongGenerationWorkflow second = submit("gen_r2", "usr_e", 1);
    await(() -> lane("usr_e").waiting().size() == 1);

    client
        .newWorkflowStub(UserLaneWorkflow.class, UserLaneWorkflow.idOf("usr_e"))
        .setLimit(2);

    await(() -> started.size() == 2);
    audioGate.countDown();
    WorkflowStub.fromTyped(first).getResult(SongOutput.class);
    WorkflowStub.fromTyped(second).getResult(SongOutput.class);
  }

  @Test
  void aFailedLaneJoinIsRetriedAndTheSongStillRuns() {
    joinFailures.set(2);

    SongGenerationWorkflow song = submit("gen_retry", "usr_f", 1);

    assertThat(WorkflowStub.fromTyped(song).getResult(SongOutput.class)).isNotNull();
    assertThat(joinFailures.get()).isNegative();
  }

  /**
   * Submits once the previous song of the user is in their lane. Songs submitted within the
   * same few milliseconds may join (and so start) in either order; a user's requests come one
   * after another.
   */
  private SongGenerationWorkflow submitInTurn(String generationId, String userId, int limit) {
    SongGenerationWorkflow song = submit(generationId, userId, limit);
    await(() -> {
      LaneState lane = lane(userId);
      return Stream.concat(lane.running().stream(), lane.waiting().stream())
          .anyMatch(t -> t.generationId().equals(generationId));
    });
    return song;
  }

  private SongGenerationWorkflow submit(String generationId, String userId, int limit) {
    SongRequest request = new SongRequest(
        generationId,
        userId,
        10,
        new SongInput("rain", null, null, null, false, 20, 7.5, 42),
        limit);
    SongGenerationWorkflow song = client.newWorkflowStub(
        SongGenerationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(SongGenerationWorkflow.ID_PREFIX + generationId)
            .setTaskQueue(taskQueue)
            .build());
    WorkflowClient.start(song::generate, request);
    return song;
  }

  private LaneState lane(String userId) {
    try {
      return client
          .newWorkflowStub(UserLaneWorkflow.class, UserLaneWorkflow.idOf(userId))
          .state();
    } catch (WorkflowNotFoundException notYetStarted) {
      return LaneState.empty(userId, 0);
    }
  }

  private static void await(Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 15 s");
      }
      try {
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
