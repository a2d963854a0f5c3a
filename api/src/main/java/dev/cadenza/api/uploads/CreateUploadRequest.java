package dev.cadenza.api.uploads;

/** Body of {@code POST /v1/uploads}. */
public record CreateUploadRequest(String contentType, Long sizeBytes, String filename) {}
