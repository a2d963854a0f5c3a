package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cadenza.bench.stack.ManagedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuFiguresTest {
  private static final String SPRING =
      "  INFO 1393 --- [cadenza] [job-x] dev.cadenza.gpuworker.ModelPool          : ";
  private static final String STANDALONE = " INFO  [job-x] d.c.gpuworker.ModelPool - ";

  @TempDir
  Path dir;

  @Test
  void readsEmbeddedAndStandaloneLinesAndChargesKilledJobsUntilTheKill() throws Exception {
    Path embedded = log(
        "api.0.log",
        "2026-11-23T20:35:25.732Z" + SPRING
            + "job song-gen_a:GenerateAudio started, model=audio slot=0 user=u",
        "2026-11-23T20:35:25.800Z" + SPRING + "unrelated line",
        "2026-11-23T20:35:27.732Z" + SPRING
            + "job song-gen_a:GenerateAudio finished, model=audio slot=0 state=COMPLETED gpuSeconds=2.000");
    Path killed = log(
        "gpu-1.0.log",
        "2026-11-23T20:35:30.000+00:00" + STANDALONE
            + "job song-gen_b:GenerateCover started, model=image slot=1 user=u");

    List<GpuJobLog.Execution> executions = GpuJobLog.read(List.of(
        new ManagedProcess.Lifetime(embedded, 1, null, null),
        new ManagedProcess.Lifetime(killed, 2, null, Instant.parse("2026-11-23T20:35:31.500Z"))));

    assertThat(executions).hasSize(2);
    GpuJobLog.Execution audio = executions.get(0);
    assertThat(audio.generationId()).isEqualTo("gen_a");
    assertThat(audio.completed()).isTrue();
    assertThat(audio.gpuSeconds()).isEqualTo(2.0);
    assertThat(audio.started()).isEqualTo(Instant.parse("2026-11-23T20:35:25.732Z"));
    GpuJobLog.Execution cover = executions.get(1);
    assertThat(cover.state()).isEqualTo("KILLED");
    assertThat(cover.gpuSeconds()).isEqualTo(1.5);
    assertThat(cover.generationId()).isEqualTo("gen_b");
  }

  @Test
  void rerunsCostAndOnlyDeliveredWorkCountsAsDelivered() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<GpuJobLog.Execution> runs = List.of(
        run("song-gen_a:GenerateAudio", "audio", t, 1, "KILLED"),
        run("song-gen_a:GenerateAudio", "audio", t.plusSeconds(1), 2, "COMPLETED"),
        run("song-gen_a:Categorize:title", "text", t, 0.5, "COMPLETED"),
        run("song-gen_b:GenerateAudio", "audio", t.plusSeconds(3), 2, "COMPLETED"), // failed later
        run("song-gen_w:GenerateAudio", "audio", t, 9, "COMPLETED")); // warm-up: not measured

    Map<String, Object> figures = GpuFigures.of(
        runs,
        Set.of("gen_a", "gen_b"),
        Set.of("gen_a"),
        List.of(new ManagedProcess.Lifetime(Path.of("w"), 1, null, null)),
        model -> 1,
        t.plusSeconds(10));

    assertThat(figures.get("secondsSpent")).isEqualTo(5.5);
    assertThat(figures.get("secondsDelivered")).isEqualTo(2.5);
    assertThat((double) figures.get("ratio")).isCloseTo(2.2, within(1e-9));
    assertThat(figures.get("reruns")).isEqualTo(1);
    assertThat(figures.get("rerunsAfter")).isEqualTo(Map.of("KILLED", 1));
  }

  @Test
  void utilisationCountsBusySlotTimeBetweenTheFirstAndLastStart() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    // One audio slot: busy 0-2 s, idle 2-3 s, busy 3-5 s; window = 0-3 s (first to last start).
    List<GpuJobLog.Execution> runs = List.of(
        run("song-gen_a:GenerateAudio", "audio", t, 2, "COMPLETED"),
        run("song-gen_b:GenerateAudio", "audio", t.plusSeconds(3), 2, "COMPLETED"));

    Map<String, Object> figures = GpuFigures.of(
        runs,
        Set.of("gen_a", "gen_b"),
        Set.of("gen_a", "gen_b"),
        List.of(new ManagedProcess.Lifetime(Path.of("w"), 1, null, null)),
        model -> 1,
        t.plusSeconds(10));

    @SuppressWarnings("unchecked")
    Map<String, Object> utilisation = (Map<String, Object>) figures.get("utilisationUnderBacklog");
    @SuppressWarnings("unchecked")
    Map<String, Object> audio = (Map<String, Object>) utilisation.get("audio");
    assertThat((double) audio.get("utilisation")).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(audio.get("windowSeconds")).isEqualTo(3.0);
  }

  private static GpuJobLog.Execution run(
      String jobId, String model, Instant start, double seconds, String state) {
    return new GpuJobLog.Execution(
        jobId, model, "w", 0, start, start.plusMillis((long) (seconds * 1000)), state, seconds);
  }

  private Path log(String name, String... lines) throws Exception {
    return Files.write(dir.resolve(name), List.of(lines));
  }
}
