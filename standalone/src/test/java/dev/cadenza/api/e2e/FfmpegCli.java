package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The ffmpeg and ffprobe programs (Debian's {@code ffmpeg} package): they make the media a user
 * uploads and read, independently of the service, what it rendered. Missing programs skip a test
 * on a developer's machine but fail it under CI ({@code CI=true}), where .ci/run installs them.
 */
final class FfmpegCli {

  /** What a program wrote on its two streams. */
  record Output(byte[] stdout, String stderr) {
    String text() {
      return new String(stdout, StandardCharsets.UTF_8).strip();
    }
  }

  private FfmpegCli() {}

  /** Runs {@code program} with {@code args}, after asserting that it exited with 0. */
  static Output run(String program, String... args) {
    List<String> command = new ArrayList<>();
    command.add(require(program).toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> errors =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] output = readAll(process.getInputStream());
      assertThat(process.waitFor(60, TimeUnit.SECONDS))
          .as("%s finished", command)
          .isTrue();
      String stderr = new String(errors.join(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("%s: %s", command, stderr).isZero();
      return new Output(output, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path require(String program) {
    Path path = Path.of("/usr/bin", program);
    if (!Files.isExecutable(path)) {
      String message = program + " is not installed (apt-get install -y ffmpeg)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    return path;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
