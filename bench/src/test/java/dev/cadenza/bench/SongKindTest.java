package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SongKindTest {

  @Test
  void criticalPathIsPromptLyricsThenTheLongestOfAudioCoverAndCategorize() {
    ModelTimes times = new ModelTimes("text=0.5,audio=3,image=1", 0);

    // 0.5 + 0.5 + max(3, 1, 0.5 + 0.5)
    assertThat(SongKind.DESCRIPTION.criticalModelTime("song-gen_1", times))
        .contains(Duration.ofMillis(4000));
    // the user's own prompt and lyrics: max(3, 1, 1)
    assertThat(SongKind.OWN_LYRICS.criticalModelTime("song-gen_1", times))
        .contains(Duration.ofMillis(3000));
    // categorize (two text jobs) is the longest branch when text is slow
    assertThat(SongKind.INSTRUMENTAL.criticalModelTime(
            "song-gen_1", new ModelTimes("text=2,audio=3,image=1", 0)))
        .contains(Duration.ofMillis(6000));
  }

  @Test
  void withJitterEachJobGetsTheWorkersDraw() {
    ModelTimes times = new ModelTimes("1", 0.5);
    Duration audio = times.of("audio", "song-gen_9:GenerateAudio");

    assertThat(audio).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    assertThat(times.of("audio", "song-gen_9:GenerateAudio")).isEqualTo(audio);
  }

  @Test
  void inputsFollowTheApiModes() {
    assertThat(SongKind.DESCRIPTION.input(7, 10))
        .containsKeys("description")
        .doesNotContainKey("lyrics");
    assertThat(SongKind.OWN_LYRICS.input(7, 10)).containsKeys("prompt", "lyrics");
    assertThat(SongKind.INSTRUMENTAL.input(7, 10)).containsEntry("instrumental", true);
    assertThat(SongKind.DESCRIPTION.input(7, 12))
        .containsEntry("durationSeconds", 12)
        .containsEntry("seed", 7L);
  }
}
