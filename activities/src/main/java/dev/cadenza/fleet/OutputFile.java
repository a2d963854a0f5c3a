package dev.cadenza.fleet;

import java.nio.file.Path;

/**
 * One complete output file of a job, in a temporary file owned by the {@link JobOutcome} that lists
 * it (deleted when the outcome is closed).
 *
 * @param name file name chosen by the model, e.g. {@code audio.wav}; safe as a storage key segment
 * @param sha256 lowercase hex digest of the content, computed while it was received
 */
public record OutputFile(
    String name, String contentType, Path path, long sizeBytes, String sha256) {}
