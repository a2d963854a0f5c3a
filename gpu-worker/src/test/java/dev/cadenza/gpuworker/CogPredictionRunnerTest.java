package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.gpuworker.audio.WavWriter;
import dev.cadenza.gpuworker.cog.CogPredictionRunner;
import dev.cadenza.gpuworker.runner.JobCanceledException;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.RunResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Cog runner against a local server speaking Cog's prediction API. */
class CogPredictionRunnerTest {

  static final String PREDICT = "POST /predictions";

  private final FakeModelServer cog = new FakeModelServer();
  private final CogPredictionRunner audio = CogPredictionRunner.builder(
          "audio", cog.url(""), "audio.wav", "audio/wav")
      .build();

  @AfterEach
  void stop() {
    cog.close();
  }

  /** Half a second of a 440 Hz tone, 16-bit mono at 8 kHz. */
  static byte[] wav() {
    float[] samples = new float[4000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 8000));
    }
    return WavWriter.pcm16Mono(samples, 8000);
  }

  static byte[] png(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  static String dataUri(String mime, byte[] bytes) {
    return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  /** A finished prediction as Cog answers it. */
  static FakeModelServer.Response prediction(String status, Object output, String error) {
    ObjectNode body = FakeModelServer.JSON.createObjectNode();
    body.put("status", status);
    body.set("output", FakeModelServer.JSON.valueToTree(output));
    body.put("error", error);
    body.put("logs", "step 1/2\nstep 2/2\n");
    body.putObject("metrics").put("predict_time", 0.01);
    return FakeModelServer.json(200, body);
  }

  private RunResult run(CogPredictionRunner runner, RecordingContext ctx, Object... input) {
    return runner.run(Jobs.struct(input), ctx);
  }

  private ModelFailureException failure(FakeModelServer.Handler handler) {
    cog.route(PREDICT, handler);
    return catchThrowableOfType(
        ModelFailureException.class,
        () -> run(audio, new RecordingContext("job-f"), "prompt", "x"));
  }

  @Test
  void aDataUriOutputBecomesTheFileWithWavFacts() {
    cog.route(PREDICT, r -> prediction("succeeded", dataUri("audio/wav", wav()), null));
    RecordingContext ctx = new RecordingContext("song-1:generateAudio");

    RunResult result = run(
        audio,
        ctx,
        "prompt",
        "lo-fi rain",
        "durationSeconds",
        30,
        "guidanceScale",
        7.5,
        "seed",
        "42");

    assertThat(ctx.outputs.get("audio.wav")).isEqualTo(wav());
    assertThat(ctx.contentTypes.get("audio.wav")).isEqualTo("audio/wav");
    assertThat(result.metadata())
        .containsEntry("durationSeconds", "0.500")
        .containsEntry("sampleRate", "8000")
        .containsEntry("channels", "1");
    assertThat(ctx.progress).first().isEqualTo("predict:0");
    assertThat(ctx.progress).last().isEqualTo("predict:100");
    JsonNode body = cog.requests(PREDICT).get(0).json();
    assertThat(body.path("id").asText()).isEqualTo("song-1:generateAudio");
    JsonNode input = body.path("input");
    assertThat(input.path("prompt").asText()).isEqualTo("lo-fi rain");
    assertThat(input.path("durationSeconds").isIntegralNumber())
        .as("30, not 30.0")
        .isTrue();
    assertThat(input.path("durationSeconds").asInt()).isEqualTo(30);
    assertThat(input.path("guidanceScale").asDouble()).isEqualTo(7.5);
    assertThat(input.path("seed").asText()).isEqualTo("42");
  }

  @Test
  void aUrlOutputIsDownloaded() {
    cog.route("GET /outputs/song.wav", r -> new FakeModelServer.Response(200, "audio/wav", wav()));
    cog.route(PREDICT, r -> prediction("succeeded", cog.url("/outputs/song.wav").toString(), null));
    RecordingContext ctx = new RecordingContext("job-url");

    RunResult result = run(audio, ctx, "prompt", "x");

    assertThat(ctx.outputs.get("audio.wav")).isEqualTo(wav());
    assertThat(result.metadata()).containsEntry("durationSeconds", "0.500");
    assertThat(cog.requests("GET /outputs/song.wav")).hasSize(1);
    assertThat(ctx.progress).contains("download:95");
  }

  @Test
  void ofAListOfOutputsTheFirstIsTaken() throws IOException {
    CogPredictionRunner image = CogPredictionRunner.builder(
            "image", cog.url("/"), "cover.png", "image/png")
        .build();
    cog.route("GET /outputs/1.png", r -> new FakeModelServer.Response(200, "image/png", png(8, 8)));
    byte[] first = png(640, 480);
    cog.route(
        PREDICT,
        r -> prediction("succeeded", List.of(dataUri("image/png", first), "/outputs/1.png"), null));
    RecordingContext ctx = new RecordingContext("job-list");

    RunResult result = run(image, ctx, "prompt", "neon city");

    assertThat(ctx.outputs.get("cover.png")).isEqualTo(first);
    assertThat(result.metadata()).containsEntry("width", "640").containsEntry("height", "480");
    assertThat(cog.requests("GET /outputs/1.png")).isEmpty();
  }

  @Test
  void aFailedPredictionIsARetryableModelError() {
    ModelFailureException e =
        failure(r -> prediction("failed", null, "CUDA out of memory. Tried to allocate 2 GiB"));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("CUDA out of memory");
  }

  @Test
  void refusedInputIsInvalidInput() {
    ModelFailureException e = failure(
        r -> FakeModelServer.json(
            422,
            "{\"detail\":[{\"loc\":[\"body\",\"input\",\"duration\"],"
                + "\"msg\":\"ensure this value is less than or equal to 30\",\"type\":\"value_error\"}]}"));

    assertThat(e.code()).isEqualTo("INVALID_INPUT");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("duration: ensure this value is less than or equal to 30");
  }

  @Test
  void serverErrorsAreRetryable() {
    ModelFailureException e = failure(r -> FakeModelServer.json(500, "Internal Server Error"));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void anOutputOfTheWrongTypeIsNotRetryable() throws IOException {
    byte[] notAWav = png(4, 4);
    ModelFailureException e =
        failure(r -> prediction("succeeded", dataUri("image/png", notAWav), null));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("a PNG image", "expected audio/wav");
  }

  @Test
  void anOutputOverTheSizeLimitIsRefused() {
    CogPredictionRunner small = CogPredictionRunner.builder(
            "audio", cog.url(""), "audio.wav", "audio/wav")
        .maxOutputBytes(1000)
        .build();
    cog.route("GET /big.wav", r -> new FakeModelServer.Response(200, "audio/wav", wav()));
    cog.route(PREDICT, r -> prediction("succeeded", cog.url("/big.wav").toString(), null));

    ModelFailureException e = catchThrowableOfType(
        ModelFailureException.class,
        () -> run(small, new RecordingContext("job-big"), "prompt", "x"));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("more than 1000 bytes");
  }

  @Test
  void aBusyServerIsWaitedFor() {
    AtomicInteger calls = new AtomicInteger();
    cog.route(
        PREDICT,
        r -> calls.incrementAndGet() == 1
            ? FakeModelServer.json(409, "{\"detail\":\"Already running a prediction\"}")
            : prediction("succeeded", dataUri("audio/wav", wav()), null));
    RecordingContext ctx = new RecordingContext("job-busy");

    run(audio, ctx, "prompt", "x");

    assertThat(calls).hasValue(2);
    assertThat(ctx.outputs).containsKey("audio.wav");
  }

  @Test
  void cancelingAsksTheServerToCancelThePrediction() throws Exception {
    CountDownLatch canceled = new CountDownLatch(1);
    cog.route("POST /predictions/song 1:generateAudio/cancel", r -> {
      canceled.countDown();
      return FakeModelServer.json(200, "{}");
    });
    cog.route(PREDICT, r -> {
      canceled.await(5, TimeUnit.SECONDS);
      return prediction("canceled", null, null);
    });
    RecordingContext ctx = new RecordingContext("song 1:generateAudio");
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        run(audio, ctx, "prompt", "x");
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    while (cog.requests(PREDICT).isEmpty()) {
      Thread.sleep(5);
    }

    long canceledAt = System.nanoTime();
    ctx.cancel();

    assertThat(outcome.get(2, TimeUnit.SECONDS)).isInstanceOf(JobCanceledException.class);
    assertThat((System.nanoTime() - canceledAt) / 1_000_000).isLessThan(500);
    assertThat(canceled.await(10, TimeUnit.SECONDS))
        .as("cancel endpoint called")
        .isTrue();
    assertThat(ctx.outputs).isEmpty();
  }
}
