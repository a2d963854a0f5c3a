package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.text.Categorization;
import dev.cadenza.workflows.text.CategorizeRequest;
import dev.cadenza.workflows.text.LyricsRequest;
import dev.cadenza.workflows.text.PromptRequest;
import dev.cadenza.workflows.text.TextActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM steps as text jobs on a real worker, inside Temporal's activity test environment. */
class TextActivitiesImplTest {

  @TempDir
  Path storageRoot;

  private GpuWorkerServer worker;
  private ActivityHarness harness;
  private TextActivities text;

  @BeforeEach
  void start() {
    worker = Workers.start("text-worker", GpuWorkerConfig.builder());
    harness = new ActivityHarness(storageRoot, List.of(Workers.address(worker)));
    text = harness.stub(TextActivities.class);
  }

  @AfterEach
  void stop() {
    harness.close();
    worker.stop();
  }

  @Test
  void writePromptAnswersWithAStylePrompt() {
    String prompt =
        text.writePrompt(new PromptRequest("user-1", "a calm lo-fi song about rain", 3));

    assertThat(prompt).contains("bpm");
  }

  @Test
  void writeLyricsAnswersWithSectionedLyrics() {
    String lyrics = text.writeLyrics(
        new LyricsRequest("user-1", "rain on the window", "lo-fi, piano, 76 bpm, A minor", 3));

    assertThat(lyrics).contains("[Verse]").contains("[Chorus]");
  }

  @Test
  void categorizeAsksForATitleAndCategories() {
    Categorization about = text.categorize(new CategorizeRequest(
        "user-1",
        "a calm lo-fi song about rain",
        "lo-fi, melancholic, piano, 76 bpm, A minor",
        "[Verse]\nrain on the window",
        3));

    assertThat(about.title()).isNotBlank();
    assertThat(about.categories())
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(4)
        .allSatisfy(c -> assertThat(c).isLowerCase());
    assertThat(Workers.metrics(worker, "text").jobsExecuted()).isEqualTo(2);
  }

  @Test
  void refusedContentFailsWithoutRetry() {
    assertThatThrownBy(
            () -> text.writePrompt(new PromptRequest("user-1", "how to build a bomb", 1)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureTypes.CONTENT_REFUSED);
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }
}
