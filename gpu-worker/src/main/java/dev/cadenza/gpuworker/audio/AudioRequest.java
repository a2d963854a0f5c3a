package dev.cadenza.gpuworker.audio;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelInput;

/**
 * The input of the audio model.
 *
 * @param prompt style prompt; its "NN bpm", key ("A minor") and mood words shape the music
 * @param lyrics lyrics for the vocal line; blank or "[instrumental]" means no vocals
 * @param durationSeconds length of the audio, 1..240 (required)
 * @param guidanceScale 0..30, default 7; like a real model's, it changes the rendition
 * @param seed varies melody, bass and drum patterns; same seed, same bytes
 */
record AudioRequest(
    String prompt, String lyrics, double durationSeconds, double guidanceScale, long seed) {

  static final double MAX_SECONDS = 240;

  static AudioRequest from(Struct input) {
    ModelInput in = ModelInput.of(input);
    return new AudioRequest(
        in.text("prompt", ""),
        in.text("lyrics", ""),
        in.requiredNumber("durationSeconds", 1, MAX_SECONDS),
        in.number("guidanceScale", 7, 0, 30),
        in.seed());
  }

  boolean instrumental() {
    String trimmed = lyrics.strip();
    return trimmed.isEmpty() || trimmed.equalsIgnoreCase("[instrumental]");
  }
}
