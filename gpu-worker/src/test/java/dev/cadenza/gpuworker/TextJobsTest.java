package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.Failed;
import dev.cadenza.proto.gpu.v1.JobEvent;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The text model over gRPC, one job per task. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextJobsTest {

  private static final String DESCRIPTION = "a lo-fi song about rain in the city at night";

  private final TestWorker worker = TestWorker.start(GpuWorkerConfig.builder());

  @AfterAll
  void stop() throws InterruptedException {
    worker.close();
  }

  private String completedText(String jobId, Object... input) {
    List<JobEvent> events = worker.run(Jobs.request(jobId, "text", input));
    JobEvent last = Jobs.last(events);
    assertThat(last.hasCompleted()).as("completed: %s", last).isTrue();
    return last.getCompleted().getText();
  }

  private Failed failure(String jobId, Object... input) {
    JobEvent last = Jobs.last(worker.run(Jobs.request(jobId, "text", input)));
    assertThat(last.hasFailed()).as("failed: %s", last).isTrue();
    return last.getFailed();
  }

  @Test
  void promptNamesStyleTempoAndKey() {
    String prompt = completedText("t-prompt", "task", "prompt", "description", DESCRIPTION);

    assertThat(prompt).contains("lo-fi", "melancholic").containsPattern("\\d{2,3} bpm");
    assertThat(prompt).containsPattern("[A-G][#b]? (major|minor)");
    int bpm = Integer.parseInt(prompt.replaceAll(".*?(\\d{2,3}) bpm.*", "$1"));
    assertThat(bpm).as("lo-fi is slow").isBetween(70, 85);
  }

  @Test
  void lyricsHaveVersesAndChorusesAboutTheDescription() {
    String lyrics = completedText(
        "t-lyrics",
        "task",
        "lyrics",
        "description",
        DESCRIPTION,
        "prompt",
        "lo-fi, chill, 75 bpm, A minor",
        "seed",
        3);

    assertThat(lyrics.lines().filter(l -> l.startsWith("[")).toList())
        .containsExactly("[Verse]", "[Chorus]", "[Verse]", "[Chorus]");
    assertThat(lyrics).containsAnyOf("rain", "city", "night");
  }

  @Test
  void titleIsTwoToFiveWords() {
    String title = completedText("t-title", "task", "title", "description", DESCRIPTION);

    assertThat(title.split(" ")).hasSizeBetween(2, 5);
  }

  @Test
  void categoriesAreAJsonArrayOfLowerCaseWords() {
    String categories = completedText(
        "t-categories", "task", "categories", "prompt", "lo-fi, chill, ambient, piano, 72 bpm");

    assertThat(categories).isEqualTo("[\"lo-fi\",\"ambient\",\"chill\"]");
  }

  @Test
  void blockedContentIsRefusedForGood() {
    Failed failed =
        failure("t-refused", "task", "lyrics", "description", "a song to kill everyone");

    assertThat(failed.getCode()).isEqualTo("CONTENT_REFUSED");
    assertThat(failed.getRetryable()).isFalse();
  }

  @Test
  void unknownTaskIsInvalidInput() {
    Failed failed = failure("t-bad-task", "task", "poem", "description", DESCRIPTION);

    assertThat(failed.getCode()).isEqualTo("INVALID_INPUT");
    assertThat(failed.getRetryable()).isFalse();
  }
}
