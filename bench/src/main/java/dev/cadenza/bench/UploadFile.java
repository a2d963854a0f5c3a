package dev.cadenza.bench;

/** A file the bench uploads (POST /v1/uploads, PUT, complete) before a submission uses it. */
public record UploadFile(String contentType, byte[] bytes) {}
