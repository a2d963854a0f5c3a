package dev.cadenza.gpuworker.bench;

// Run from the repository root (JDK 21+ on JAVA_HOME; works offline; -am so that the classpath
// names this checkout's proto classes, not an installed jar):
//
//   ./mvnw -o -q -pl gpu-worker -am test-compile dependency:build-classpath \
//       -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
//   java -cp gpu-worker/target/test-classes:gpu-worker/target/classes:$(cat
// gpu-worker/target/bench.classpath) \
//       dev.cadenza.gpuworker.bench.RunnerCpuBench
//
// Arguments, all optional, name=value: runs=50 (measured runs per case), warmup=100 (runs first,
// not measured, so the JIT has compiled the hot loops), cases=all (or a comma list of case names),
// out= (a directory: writes one sample output per case there, for ffprobe/sox/a PNG decoder),
// reference= (a directory written by out= before a change: compares each output with it).
//
// Before/after a change: extract the older commit elsewhere (git archive <commit> | tar -x -C
// /tmp/old), compile it there (./mvnw -o -q -pl gpu-worker -am compile) and run this program with
// /tmp/old/gpu-worker/target/classes and /tmp/old/proto/target/classes in place of this checkout's
// on the classpath (the runners' classes are all this program calls), with out=/tmp/before; then
// here with reference=/tmp/before.

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cadenza.gpuworker.audio.AudioRunner;
import dev.cadenza.gpuworker.image.ImageRunner;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * CPU cost of the built-in audio and image runners, called directly (no gRPC, no worker): what
 * one song's {@code audio.wav} and one cover's {@code cover.png} cost the machine. Each case is
 * run {@code warmup} times, then {@code runs} times on this thread while its CPU time is read
 * before and after every run; the report gives the median and the mean per run, and the
 * process's CPU over the measured runs per run (which adds the garbage collector's and the JIT's
 * share), the output size and its SHA-256 (equal digests before and after a change mean the
 * change kept the bytes). It prints one line per case and asserts nothing: a program to run by
 * hand on a quiet machine, not a test.
 *
 * <p>With {@code reference=dir} (an earlier run's {@code out=dir}) it also says how far each
 * output moved: for WAV the signal-to-difference ratio in dB after matching levels (the same
 * notes give 40 dB and more, another arrangement about 0 dB), for PNG the mean and largest
 * difference of a colour channel (0..255).
 */
public final class RunnerCpuBench {

  /** A runner and an input, as the song workflow and the bench's song kinds send them. */
  record Case(String name, ModelRunner runner, String output, Struct input) {}

  private RunnerCpuBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("runs", "50", "warmup", "100"));
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("arguments are name=value, got " + arg);
      }
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int runs = Integer.parseInt(options.get("runs"));
    int warmup = Integer.parseInt(options.get("warmup"));
    List<String> wanted =
        options.containsKey("cases") ? Arrays.asList(options.get("cases").split(",")) : List.of();
    Path out = options.containsKey("out") ? Path.of(options.get("out")) : null;
    Path reference = options.containsKey("reference") ? Path.of(options.get("reference")) : null;

    System.out.printf(
        Locale.ROOT,
        "%-24s %10s %10s %10s %10s  %-64s  %s%n",
        "case",
        "cpu_med_ms",
        "cpu_avg_ms",
        "proc_ms",
        "bytes",
        "sha256",
        reference == null ? "" : "vs_reference");
    for (Case c : cases()) {
      if (!wanted.isEmpty() && !wanted.contains(c.name())) {
        continue;
      }
      measure(c, runs, warmup, out, reference);
    }
  }

  static List<Case> cases() {
    String lyrics = "[Verse]\nrain on the window, take 7\nI can hear the city calling out my name\n"
        + "[Chorus]\nstay with me tonight\n";
    String prompt = "lo-fi, rain, piano, 75 bpm, A minor";
    List<Case> cases = new ArrayList<>();
    cases.add(audio("audio-10s-vocals", prompt, lyrics, 10));
    cases.add(audio("audio-10s-instrumental", prompt, "[instrumental]", 10));
    cases.add(audio("audio-30s-vocals", prompt, lyrics, 30));
    cases.add(audio("audio-240s-vocals", prompt, lyrics, 240)); // the longest allowed
    // The song workflow's cover: 768 x 768, no title.
    cases.add(image("cover-768", "a calm lo-fi song about rain on a window", "", 768));
    cases.add(image("cover-512-title", "dreamy synthwave night drive", "Rain City", 512));
    cases.add(image("cover-1536", "dark ambient", "", 1536));
    return cases;
  }

  private static Case audio(String name, String prompt, String lyrics, double seconds) {
    return new Case(
        name,
        new AudioRunner(),
        "audio.wav",
        struct(Map.of(
            "prompt", prompt,
            "lyrics", lyrics,
            "durationSeconds", seconds,
            "guidanceScale", 7.5,
            "seed", 7)));
  }

  private static Case image(String name, String prompt, String title, int size) {
    return new Case(
        name,
        new ImageRunner(),
        "cover.png",
        struct(Map.of("prompt", prompt, "title", title, "width", size, "height", size, "seed", 7)));
  }

  private static void measure(Case c, int runs, int warmup, Path out, Path reference)
      throws IOException, NoSuchAlgorithmException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    byte[] bytes = null;
    for (int i = 0; i < warmup; i++) {
      bytes = run(c);
    }
    long[] cpu = new long[runs];
    long processBefore = os.getProcessCpuTime();
    for (int i = 0; i < runs; i++) {
      long before = threads.getCurrentThreadCpuTime();
      bytes = run(c);
      cpu[i] = threads.getCurrentThreadCpuTime() - before;
    }
    long process = os.getProcessCpuTime() - processBefore;
    Arrays.sort(cpu);
    double mean = Arrays.stream(cpu).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%-24s %10.2f %10.2f %10.2f %10d  %-64s  %s%n",
        c.name(),
        cpu[runs / 2] / 1e6,
        mean / 1e6,
        process / 1e6 / runs,
        bytes.length,
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
        reference == null ? "" : compare(c, bytes, reference.resolve(fileName(c))));
    if (out != null) {
      Files.createDirectories(out);
      Files.write(out.resolve(fileName(c)), bytes);
    }
  }

  private static String fileName(Case c) {
    return c.name() + c.output().substring(c.output().lastIndexOf('.'));
  }

  private static String compare(Case c, byte[] bytes, Path referenceFile) throws IOException {
    if (!Files.exists(referenceFile)) {
      return "no reference";
    }
    byte[] before = Files.readAllBytes(referenceFile);
    return c.output().endsWith(".wav") ? compareWav(before, bytes) : comparePng(before, bytes);
  }

  /** Signal (the reference) to difference ratio, the new output scaled to the best match. */
  private static String compareWav(byte[] before, byte[] after) {
    short[] x = pcm16(before);
    short[] y = pcm16(after);
    if (x.length != y.length) {
      return "length " + x.length + " -> " + y.length + " samples";
    }
    double xy = 0;
    double yy = 0;
    double xx = 0;
    for (int i = 0; i < x.length; i++) {
      xy += (double) x[i] * y[i];
      yy += (double) y[i] * y[i];
      xx += (double) x[i] * x[i];
    }
    double scale = yy == 0 ? 0 : xy / yy;
    double difference = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - scale * y[i];
      difference += d * d;
    }
    return String.format(Locale.ROOT, "SNR %.1f dB", 10 * Math.log10(xx / difference));
  }

  private static short[] pcm16(byte[] wav) {
    // The runner writes canonical 44-byte headers; MediaJobsTest checks the header itself.
    short[] samples = new short[(wav.length - 44) / 2];
    ByteBuffer.wrap(wav, 44, wav.length - 44)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(samples);
    return samples;
  }

  private static String comparePng(byte[] before, byte[] after) throws IOException {
    BufferedImage x = ImageIO.read(new ByteArrayInputStream(before));
    BufferedImage y = ImageIO.read(new ByteArrayInputStream(after));
    if (x.getWidth() != y.getWidth() || x.getHeight() != y.getHeight()) {
      return "size changed";
    }
    long sum = 0;
    int largest = 0;
    for (int row = 0; row < x.getHeight(); row++) {
      for (int column = 0; column < x.getWidth(); column++) {
        int a = x.getRGB(column, row);
        int b = y.getRGB(column, row);
        for (int shift = 0; shift < 24; shift += 8) {
          int d = Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
          sum += d;
          largest = Math.max(largest, d);
        }
      }
    }
    double mean = (double) sum / (3L * x.getWidth() * x.getHeight());
    return String.format(Locale.ROOT, "pixels: mean diff %.3f, max %d", mean, largest);
  }

  private static byte[] run(Case c) {
    OutputOnly ctx = new OutputOnly();
    c.runner().run(c.input(), ctx);
    return ctx.outputs.get(c.output());
  }

  private static Struct struct(Map<String, Object> fields) {
    Struct.Builder struct = Struct.newBuilder();
    fields.forEach((key, value) -> struct.putFields(
        key,
        value instanceof Number n
            ? Value.newBuilder().setNumberValue(n.doubleValue()).build()
            : Value.newBuilder().setStringValue(value.toString()).build()));
    return struct.build();
  }

  /** Keeps the outputs; progress and cancellation cost nothing, as in a quiet worker. */
  private static final class OutputOnly implements RunContext {
    final Map<String, byte[]> outputs = new LinkedHashMap<>();

    @Override
    public String jobId() {
      return "bench";
    }

    @Override
    public void progress(String stage, int percent) {}

    @Override
    public void emitOutput(String name, String contentType, byte[] bytes) {
      outputs.put(name, bytes);
    }

    @Override
    public void checkCanceled() {}

    @Override
    public boolean isCanceled() {
      return false;
    }
  }
}
