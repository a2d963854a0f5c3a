package dev.cadenza.workflows.upload;

import java.time.Duration;

/**
 * Input of {@link UploadWorkflow}.
 *
 * @param completeWithin how long the upload may stay pending (its PUT URL's lifetime plus a grace
 *     for the completing call); then its object is deleted
 * @param keepUnused how long a completed upload that no generation used is kept
 */
public record UploadRequest(String uploadId, Duration completeWithin, Duration keepUnused) {}
