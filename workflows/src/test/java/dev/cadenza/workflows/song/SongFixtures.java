package dev.cadenza.workflows.song;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.storage.StoredAsset;
import dev.cadenza.workflows.text.Categorization;
import java.util.List;
import java.util.Map;

/** Requests and activity answers shared by the song workflow tests. */
final class SongFixtures {
  static final String ID = "gen_test1";

  /** The song's activities on the shared mocks answer as for a song that goes well. */
  static void answerAsASong(GenerationMocks mocks) {
    when(mocks.llm.writePrompt(any())).thenReturn("lo-fi hip hop, rain, 72 bpm, A minor");
    when(mocks.llm.writeLyrics(any())).thenReturn("[Verse]\nrain on the window");
    when(mocks.llm.categorize(any())).thenReturn(categorization());
    when(mocks.gpu.generateAudio(any())).thenReturn(audio());
    when(mocks.gpu.generateCover(any())).thenReturn(cover());
    when(mocks.storage.storeOutputs(any())).thenReturn(stored());
  }

  static SongRequest describe(String description) {
    return new SongRequest(
        ID, "usr_1", 10, new SongInput(description, null, null, null, false, 20, 7.5, 42), 2);
  }

  static SongRequest ownWords(String prompt, String lyrics) {
    return new SongRequest(
        ID, "usr_1", 10, new SongInput(null, prompt, lyrics, null, false, 20, 7.5, 42), 2);
  }

  static SongRequest promptAndBrief(String prompt, String brief) {
    return new SongRequest(
        ID, "usr_1", 10, new SongInput(null, prompt, null, brief, false, 20, 7.5, 42), 2);
  }

  static SongRequest instrumental(String description) {
    return new SongRequest(
        ID, "usr_1", 10, new SongInput(description, null, null, null, true, 20, 7.5, 42), 2);
  }

  static StagedFile audio() {
    return new StagedFile(
        "staging/" + ID + "/audio.wav",
        "audio.wav",
        "audio/wav",
        882_044,
        "ab",
        Map.of("durationSeconds", "20"));
  }

  static StagedFile cover() {
    return new StagedFile(
        "staging/" + ID + "/cover.png", "cover.png", "image/png", 12_000, "cd", Map.of());
  }

  static List<StoredAsset> stored() {
    return List.of(
        new StoredAsset(
            "audio.wav",
            "generations/" + ID + "/audio.wav",
            "audio/wav",
            882_044,
            "ab",
            Map.of("durationSeconds", "20")),
        new StoredAsset(
            "cover.png", "generations/" + ID + "/cover.png", "image/png", 12_000, "cd", Map.of()));
  }

  static Categorization categorization() {
    return new Categorization("Rain on the Window", List.of("lo-fi", "chill"));
  }

  private SongFixtures() {}
}
