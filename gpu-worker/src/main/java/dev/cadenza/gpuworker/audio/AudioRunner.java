package dev.cadenza.gpuworker.audio;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Model {@code "audio"}: stands in for a music model. Renders {@code audio.wav} (16-bit PCM
 * mono, 22050 Hz, exactly {@code durationSeconds} long) with a chord pad, bass, drums and,
 * unless the lyrics are instrumental, a vocal-like melody following the lyrics' syllables.
 * Tempo and key come from the prompt (see {@link SongPlan}). Input: see {@link AudioRequest}.
 *
 * <p>Metadata: {@code durationSeconds}, {@code sampleRate}, {@code channels}, {@code bpm},
 * {@code key} (e.g. "A minor"), {@code vocals} ("true"/"false").
 */
public final class AudioRunner implements ModelRunner {

  public static final int SAMPLE_RATE = 22050;

  @Override
  public String model() {
    return "audio";
  }

  @Override
  public void validate(Struct input) {
    AudioRequest.from(input);
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    AudioRequest request = AudioRequest.from(input);
    // Guidance is part of the seed: two variants of one prompt at different guidance scales
    // must sound different, as they would from a real model.
    long seed = request.seed() * 1_000_003L + Double.hashCode(request.guidanceScale());
    Random random = new Random(seed ^ request.prompt().hashCode());
    SongPlan plan = SongPlan.of(request.prompt(), random);
    int totalSamples = (int) Math.round(request.durationSeconds() * SAMPLE_RATE);

    ctx.progress("arrange", 0);
    List<Note> notes =
        new ArrayList<>(new Arranger(plan, SAMPLE_RATE, totalSamples, random).arrange());
    if (!request.instrumental()) {
      notes.addAll(VocalLine.sing(request.lyrics(), plan, SAMPLE_RATE, totalSamples, random));
    }
    float[] song = Synthesizer.render(
        // Rendering is most of the work: 5-95% of the job.
        notes, totalSamples, SAMPLE_RATE, percent -> ctx.progress("render", 5 + percent * 9 / 10));
    ctx.progress("encode", 95);
    ctx.emitOutput("audio.wav", "audio/wav", WavWriter.pcm16Mono(song, SAMPLE_RATE));
    return RunResult.media(Map.of(
        "durationSeconds", formatSeconds((double) totalSamples / SAMPLE_RATE),
        "sampleRate", Integer.toString(SAMPLE_RATE),
        "channels", "1",
        "bpm", Integer.toString(plan.bpm()),
        "key", plan.key().name(),
        "vocals", Boolean.toString(!request.instrumental())));
  }

  private static String formatSeconds(double seconds) {
    return seconds == Math.rint(seconds)
        ? Long.toString((long) seconds)
        : String.format(Locale.ROOT, "%.3f", seconds);
  }
}
