package dev.cadenza.gpuworker.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.gpuworker.runner.ModelFailureException;
import org.junit.jupiter.api.Test;

/** What chat models really answer, turned into the built-in runner's formats. */
class ChatAnswersTest {

  @Test
  void thinkingBlocksAndFencesAreRemoved() {
    assertThat(
            ChatAnswers.parse(
                "prompt",
                "<think>\nThe user wants rain...\n</think>\n\n```\nlo-fi, rainy, piano, 72 bpm, D minor\n```"))
        .isEqualTo("lo-fi, rainy, piano, 72 bpm, D minor");
  }

  @Test
  void promptIsOneLineWithoutLabel() {
    assertThat(ChatAnswers.parse(
            "prompt",
            "Style prompt: \"synthwave, neon, 110 bpm, E minor\"\n" + "This captures the mood."))
        .isEqualTo("synthwave, neon, 110 bpm, E minor");
  }

  @Test
  void titlesLoseQuotesLabelsAndExtraWords() {
    assertThat(ChatAnswers.parse("title", "**“Neon Rain”**")).isEqualTo("Neon Rain");
    assertThat(ChatAnswers.parse("title", "Song title: Glass City.")).isEqualTo("Glass City");
    assertThat(ChatAnswers.parse("title", "One two three four five six seven eight nine ten"))
        .hasToString("One two three four five six seven eight");
  }

  @Test
  void categoriesFromJsonBulletsOrCommas() {
    assertThat(ChatAnswers.parse("categories", "Categories: [\"Jazz\", \"Smooth Jazz\"]"))
        .isEqualTo("[\"jazz\",\"smooth jazz\"]");
    assertThat(ChatAnswers.parse("categories", "- Rock\n- Energetic\n- rock"))
        .isEqualTo("[\"rock\",\"energetic\"]");
    assertThat(ChatAnswers.parse("categories", "[lo-fi, chill]"))
        .isEqualTo("[\"lo-fi\",\"chill\"]");
    assertThat(ChatAnswers.parse("categories", "a,b,c,d,e,f"))
        .isEqualTo("[\"a\",\"b\",\"c\",\"d\"]");
  }

  @Test
  void lyricsKeepTheirLines() {
    assertThat(ChatAnswers.parse("lyrics", "\n[Verse]\nline one\n\n[Chorus]\nline two\n"))
        .isEqualTo("[Verse]\nline one\n\n[Chorus]\nline two");
  }

  @Test
  void nothingUsableIsARetryableModelError() {
    assertThatThrownBy(() -> ChatAnswers.parse("lyrics", "<think>hmm, let me think about"))
        .isInstanceOfSatisfying(ModelFailureException.class, e -> {
          assertThat(e.code()).isEqualTo("MODEL_ERROR");
          assertThat(e.retryable()).isTrue();
        });
    assertThatThrownBy(() -> ChatAnswers.parse("categories", "[]"))
        .isInstanceOf(ModelFailureException.class);
    assertThatThrownBy(() -> ChatAnswers.parse("title", null))
        .isInstanceOf(ModelFailureException.class);
  }
}
