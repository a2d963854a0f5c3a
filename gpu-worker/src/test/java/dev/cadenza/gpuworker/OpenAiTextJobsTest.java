package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.JobEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real worker configured from the environment with the openai text backend, talking to a
 * local Chat Completions server; jobs go in over gRPC.
 */
class OpenAiTextJobsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeModelServer llm = new FakeModelServer();
  private final TestWorker worker = TestWorker.fromEnvironment(Map.of(
      "GPU_WORKER_TEXT_BACKEND", "openai",
      "OPENAI_BASE_URL", llm.url("/v1").toString(),
      "OPENAI_API_KEY", "sk-local",
      "OPENAI_MODEL", "qwen-test",
      "OPENAI_TIMEOUT_SECONDS", "30"));

  @AfterEach
  void stop() throws InterruptedException {
    worker.close();
    llm.close();
  }

  @Test
  void aTextJobGetsTheModelsAnswer() {
    llm.route(
        OpenAiChatTextRunnerTest.CHAT,
        request -> OpenAiChatTextRunnerTest.answer(
            "<think>rain, night, city...</think>\nMidnight Rain Letters", "stop"));

    List<JobEvent> events = worker.run(Jobs.request(
        "o-title",
        "text",
        "task",
        "title",
        "description",
        "a lo-fi song about rain in the city at night",
        "seed",
        "7"));

    JobEvent last = Jobs.last(events);
    assertThat(last.hasCompleted()).as("completed: %s", last).isTrue();
    assertThat(last.getCompleted().getText()).isEqualTo("Midnight Rain Letters");
    assertThat(events)
        .filteredOn(JobEvent::hasProgress)
        .extracting(e -> e.getProgress().getStage())
        .containsOnly("generate");
    FakeModelServer.Request request =
        llm.requests(OpenAiChatTextRunnerTest.CHAT).get(0);
    assertThat(request.json().path("model").asText()).isEqualTo("qwen-test");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-local");
  }

  @Test
  void failuresKeepTheirCodeOverGrpc() {
    llm.route(
        OpenAiChatTextRunnerTest.CHAT,
        request -> OpenAiChatTextRunnerTest.answer(null, "content_filter"));

    JobEvent last = Jobs.last(worker.run(Jobs.request(
        "o-refused", "text", "task", "lyrics", "description", "something the provider filters")));

    assertThat(last.getFailed().getCode()).isEqualTo("CONTENT_REFUSED");
    assertThat(last.getFailed().getRetryable()).isFalse();
  }

  @Test
  void invalidRequestsFailWithoutCallingTheModel() {
    JobEvent last = Jobs.last(worker.run(Jobs.request("o-invalid", "text", "task", "prompt")));

    assertThat(last.getFailed().getCode()).isEqualTo("INVALID_INPUT");
    assertThat(llm.requests).isEmpty();
  }

  @Test
  void cancelingAJobWaitingForASlowModelEndsItAtOnce() throws Exception {
    llm.route(OpenAiChatTextRunnerTest.CHAT, request -> FakeModelServer.TRICKLE);
    EventRecorder job = worker.submit(Jobs.request("o-slow", "text", "task", "title"));
    job.await(JobEvent::hasProgress, WAIT);
    while (llm.requests.isEmpty()) {
      Thread.sleep(5);
    }

    long canceledAt = System.nanoTime();
    assertThat(worker.cancel("o-slow")).isTrue();
    List<JobEvent> events = job.awaitEnd(WAIT);

    assertThat(Jobs.last(events).hasCanceled()).isTrue();
    assertThat((System.nanoTime() - canceledAt) / 1_000_000).isLessThan(1000);
    assertThat(llm.clientGone.await(10, TimeUnit.SECONDS))
        .as("the runner hung up on the model server")
        .isTrue();
    assertThat(worker.server.metrics().model("text").jobsCanceled()).isEqualTo(1);
  }
}
