package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed inputs as the runners read them: field names, seeds as text, absent nulls. */
class JobInputTest {

  @Test
  void aLargeSeedTravelsAsTextWithAllItsDigits() {
    long seed = 9_007_199_254_740_993L; // 2^53 + 1: a double would round it
    Struct struct = struct(new JobInput.Audio("lo-fi", null, 20, 7.5, seed));

    assertThat(struct.getFieldsOrThrow("seed").getStringValue()).isEqualTo("9007199254740993");
    assertThat(struct.getFieldsOrThrow("durationSeconds").getNumberValue()).isEqualTo(20);
    assertThat(struct.getFieldsOrThrow("guidanceScale").getNumberValue()).isEqualTo(7.5);
    assertThat(struct.containsFields("lyrics")).as("null: the runner's default").isFalse();
  }

  @Test
  void eachTextTaskSendsOnlyItsOwnFields() {
    assertThat(struct(JobInput.Text.prompt(1, "rain")).getFieldsMap())
        .containsOnlyKeys("task", "seed", "description");
    assertThat(struct(JobInput.Text.lyrics(1, "about rain", "lo-fi")).getFieldsMap())
        .containsOnlyKeys("task", "seed", "lyricsDescription", "prompt");
    Struct title = struct(JobInput.Text.about("title", 1, null, "lo-fi", "la la"));
    assertThat(title.getFieldsOrThrow("task").getStringValue()).isEqualTo("title");
    assertThat(title.getFieldsMap()).containsOnlyKeys("task", "seed", "prompt", "lyrics");
  }

  @Test
  void eachInputNamesItsModel() {
    assertThat(List.of(
                JobInput.Text.prompt(1, "x"),
                new JobInput.Audio("p", "l", 10, 1, 1),
                new JobInput.Image("p", 256, 256, 1),
                new JobInput.Mesh("image.png", null, 1),
                new JobInput.Video(java.util.Map.of()))
            .stream()
            .map(JobInput::model))
        .containsExactly("text", "audio", "image", "mesh", "video");
  }

  private static Struct struct(JobInput input) {
    return new JobSpec("job-1", input.model(), input.fields(), "u", 0).inputStruct();
  }
}
