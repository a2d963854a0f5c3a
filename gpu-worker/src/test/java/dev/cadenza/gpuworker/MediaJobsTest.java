package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.Completed;
import dev.cadenza.proto.gpu.v1.JobEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The audio and image models over gRPC: real, valid, deterministic files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaJobsTest {

  private static final String PROMPT = "lo-fi, chill, melancholic, piano, 76 bpm, A minor";
  private static final String LYRICS =
      "[Verse]\nWalking through the rain on my own\nI can hear the city calling out my name\n"
          + "[Chorus]\nOh, rain, stay with me tonight\n";

  private final TestWorker worker = TestWorker.start(GpuWorkerConfig.builder());

  @AfterAll
  void stop() throws InterruptedException {
    worker.close();
  }

  private List<JobEvent> audio(String jobId, double seconds, long seed, String lyrics) {
    return worker.run(Jobs.request(
        jobId,
        "audio",
        "prompt",
        PROMPT,
        "lyrics",
        lyrics,
        "durationSeconds",
        seconds,
        "guidanceScale",
        7,
        "seed",
        seed));
  }

  private byte[] image(String jobId, long seed, Object... extra) {
    Object[] input = new Object[4 + extra.length];
    input[0] = "prompt";
    input[1] = "dreamy synthwave night drive";
    input[2] = "seed";
    input[3] = seed;
    System.arraycopy(extra, 0, input, 4, extra.length);
    return Jobs.outputs(worker.run(Jobs.request(jobId, "image", input))).get("cover.png");
  }

  @Test
  void audioIsAValidNonSilentWavOfTheRequestedLength() {
    List<JobEvent> events = audio("a-wav", 6, 1, LYRICS);

    Completed completed = Jobs.last(events).getCompleted();
    assertThat(completed.getMetadataMap())
        .containsEntry("durationSeconds", "6")
        .containsEntry("sampleRate", "22050")
        .containsEntry("bpm", "76")
        .containsEntry("key", "A minor")
        .containsEntry("vocals", "true");
    assertThat(events).anyMatch(e -> e.getProgress().getStage().equals("render"));
    assertThat(events)
        .filteredOn(JobEvent::hasOutput)
        .allMatch(e -> e.getOutput().getContentType().equals("audio/wav"));

    ParsedWav wav = ParsedWav.parse(Jobs.outputs(events).get("audio.wav"));
    assertThat(wav.channels()).isEqualTo(1);
    assertThat(wav.bitsPerSample()).isEqualTo(16);
    assertThat(wav.sampleRate()).isEqualTo(22050);
    assertThat(wav.samples()).hasSize(6 * 22050);
    assertThat(wav.rms()).as("RMS").isGreaterThan(0.05);
    assertThat(wav.peak()).as("peak below clipping").isLessThan(Short.MAX_VALUE);
  }

  @Test
  void longestAudioArrivesInChunksOfAtMostOneMebibyte() {
    List<JobEvent> events = audio("a-long", 240, 2, "[instrumental]");

    List<JobEvent> chunks = events.stream().filter(JobEvent::hasOutput).toList();
    assertThat(chunks).allMatch(e -> e.getOutput().getData().size() <= 1 << 20);
    assertThat(chunks).filteredOn(e -> e.getOutput().getLast()).hasSize(1);
    assertThat(Jobs.last(chunks).getOutput().getLast()).isTrue();
    ParsedWav wav = ParsedWav.parse(Jobs.outputs(events).get("audio.wav"));
    assertThat(wav.samples()).hasSize(240 * 22050);
    assertThat(wav.rms()).isGreaterThan(0.05);
    assertThat(Jobs.last(events).getCompleted().getMetadataMap()).containsEntry("vocals", "false");
  }

  @Test
  void audioOutOfRangeIsInvalidInput() {
    JobEvent last = Jobs.last(audio("a-too-long", 241, 1, LYRICS));

    assertThat(last.getFailed().getCode()).isEqualTo("INVALID_INPUT");
    assertThat(last.getFailed().getRetryable()).isFalse();
  }

  @Test
  void sameSeedSameAudioOtherSeedOtherAudio() {
    byte[] first = Jobs.outputs(audio("a-seed-1a", 3, 42, LYRICS)).get("audio.wav");
    byte[] again = Jobs.outputs(audio("a-seed-1b", 3, 42, LYRICS)).get("audio.wav");
    byte[] other = Jobs.outputs(audio("a-seed-2", 3, 43, LYRICS)).get("audio.wav");

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void imageIsAPngOfTheRequestedSize() throws IOException {
    List<JobEvent> events = worker.run(Jobs.request(
        "i-png",
        "image",
        "prompt",
        "dark ambient",
        "width",
        640,
        "height",
        384,
        "title",
        "Rain City"));

    assertThat(Jobs.last(events).getCompleted().getMetadataMap())
        .isEqualTo(Map.of("width", "640", "height", "384"));
    byte[] bytes = Jobs.outputs(events).get("cover.png");
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(png.getWidth()).isEqualTo(640);
    assertThat(png.getHeight()).isEqualTo(384);
  }

  @Test
  void sameSeedSameImageOtherSeedOtherImage() {
    byte[] first = image("i-seed-1a", 7);

    assertThat(image("i-seed-1b", 7)).isEqualTo(first);
    assertThat(image("i-seed-2", 8)).isNotEqualTo(first);
  }

  @Test
  void imageSizeOutOfRangeIsInvalidInput() {
    JobEvent last = Jobs.last(worker.run(Jobs.request("i-huge", "image", "width", 4096)));

    assertThat(last.getFailed().getCode()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void sameSeedSameText() {
    Object[] input = {"task", "lyrics", "description", "summer road trip", "seed", 5};
    JobEvent first = Jobs.last(worker.run(Jobs.request("t-det-1", "text", input)));
    JobEvent again = Jobs.last(worker.run(Jobs.request("t-det-2", "text", input)));

    assertThat(again.getCompleted().getText()).isEqualTo(first.getCompleted().getText());
  }
}
