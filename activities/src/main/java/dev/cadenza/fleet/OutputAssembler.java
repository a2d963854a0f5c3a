package dev.cadenza.fleet;

import dev.cadenza.proto.gpu.v1.OutputChunk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reassembles output files from their chunks into temporary files, hashing them on the way, so that
 * neither a 25 MB song nor several of them in parallel sit in memory and nobody reads a file twice
 * to checksum it.
 */
final class OutputAssembler implements AutoCloseable {

  // The name becomes a storage key segment: keep it to what every storage adapter accepts.
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private final String jobId;
  private final Map<String, Partial> partials = new LinkedHashMap<>();
  private final List<OutputFile> complete = new ArrayList<>();

  OutputAssembler(String jobId) {
    this.jobId = jobId;
  }

  void accept(OutputChunk chunk) {
    String name = chunk.getName();
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new GpuJobFailedException(
          jobId,
          "INVALID_OUTPUT",
          "the model sent an output with an unusable name: " + name,
          false);
    }
    try {
      Partial partial = partials.get(name);
      if (partial == null) {
        partial = new Partial(name, chunk.getContentType());
        partials.put(name, partial);
      }
      chunk.getData().writeTo(partial.out);
      partial.size += chunk.getData().size();
      if (chunk.getLast()) {
        partials.remove(name);
        // A name sent twice replaces the earlier file, as a re-emitted output would.
        complete.stream().filter(f -> f.name().equals(name)).forEach(f -> delete(f.path()));
        complete.removeIf(f -> f.name().equals(name));
        complete.add(partial.close());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write output " + name + " of job " + jobId, e);
    }
  }

  /**
   * The complete files. A file whose last chunk never came cannot be trusted and is dropped (the
   * worker only completes a job after all its outputs, so this does not happen).
   */
  List<OutputFile> finish() {
    discardPartials();
    return List.copyOf(complete);
  }

  /** Deletes everything received; for a stream that did not end in success. */
  @Override
  public void close() {
    discardPartials();
    complete.forEach(f -> delete(f.path()));
    complete.clear();
  }

  private void discardPartials() {
    for (Partial partial : partials.values()) {
      try {
        partial.out.close();
      } catch (IOException e) {
        // It is deleted next; nothing else to do with it.
      }
      delete(partial.path);
    }
    partials.clear();
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file still receiving chunks. */
  private static final class Partial {
    final String name;
    final String contentType;
    final Path path;
    final MessageDigest digest;
    final OutputStream out;
    long size;

    Partial(String name, String contentType) throws IOException {
      this.name = name;
      this.contentType = contentType.isBlank() ? "application/octet-stream" : contentType;
      this.path = Files.createTempFile("cadenza-gpu-", ".part");
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
      this.out = new DigestOutputStream(Files.newOutputStream(path), digest);
    }

    OutputFile close() throws IOException {
      out.close();
      return new OutputFile(
          name, contentType, path, size, HexFormat.of().formatHex(digest.digest()));
    }
  }
}
