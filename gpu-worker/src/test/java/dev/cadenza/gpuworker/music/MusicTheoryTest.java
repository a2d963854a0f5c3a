package dev.cadenza.gpuworker.music;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How prompts are read back as music: the contract between the text and audio models. */
class MusicTheoryTest {

  @Test
  void readsKeysWrittenInPrompts() {
    assertThat(MusicalKey.parse("lo-fi, 72 bpm, A minor")).contains(new MusicalKey(9, true));
    assertThat(MusicalKey.parse("Eb major ballad")).contains(new MusicalKey(3, false));
    assertThat(MusicalKey.parse("F# minor")).map(MusicalKey::name).contains("F# minor");
    assertThat(MusicalKey.parse("a minor change of plans")).isEmpty();
  }

  @Test
  void scaleDegreesBecomeMidiNotes() {
    MusicalKey aMinor = new MusicalKey(9, true);
    assertThat(aMinor.midiOf(0, 57)).isEqualTo(57); // A3
    assertThat(aMinor.midiOf(2, 57)).isEqualTo(60); // C4, the minor third
    assertThat(aMinor.midiOf(7, 57)).isEqualTo(69); // A4
    assertThat(aMinor.midiOf(-1, 57)).isEqualTo(55); // G3
    assertThat(MusicalKey.frequency(69)).isEqualTo(440.0);
  }

  @Test
  void tempoIsReadOrSuggestedByMood() {
    assertThat(Tempo.parse("chill, 72 bpm")).contains(72);
    assertThat(Tempo.parse("1200 bpm")).isEmpty();
    for (long variation = 0; variation < 30; variation++) {
      assertThat(Tempo.suggest(List.of("lo-fi", "calm"), variation)).isBetween(70, 85);
      assertThat(Tempo.suggest(List.of("rock", "energetic"), variation)).isBetween(120, 140);
    }
  }

  @Test
  void everydayWordsSuggestMoods() {
    assertThat(Vocabulary.moods("a lofi song about rain")).containsExactly("melancholic");
    assertThat(Vocabulary.find("Lo Fi hip-hop beats", Vocabulary.GENRES))
        .containsExactly("lo-fi", "hip hop");
  }
}
