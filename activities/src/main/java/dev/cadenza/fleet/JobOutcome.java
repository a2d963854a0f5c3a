package dev.cadenza.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A completed job: its text, metadata and output files. Close it once the files are stored: that
 * deletes their temporary copies.
 *
 * @param jobId the id the job ran under (the requested one, or a re-run of it, see {@link
 *     GpuFleet#run})
 * @param text text result of text models; empty for media models
 * @param metadata facts about the outputs, such as {@code durationSeconds} for audio
 * @param files output files in the order they arrived
 * @param worker address of the worker that ran (or had already run) the job
 * @param reattached true when this call attached to a job submitted earlier under the same id
 */
public record JobOutcome(
    String jobId,
    String text,
    Map<String, String> metadata,
    List<OutputFile> files,
    double gpuSeconds,
    String worker,
    boolean reattached)
    implements AutoCloseable {

  public JobOutcome {
    metadata = Map.copyOf(metadata);
    files = List.copyOf(files);
  }

  /** The output file called {@code name}, if the job produced one. */
  public Optional<OutputFile> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Deletes the temporary output files. */
  @Override
  public void close() {
    for (OutputFile file : files) {
      try {
        Files.deleteIfExists(file.path());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
