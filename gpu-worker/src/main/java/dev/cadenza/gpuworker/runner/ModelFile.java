package dev.cadenza.gpuworker.runner;

/**
 * An input file of a job, as sent in {@code JobRequest.files}.
 *
 * @param name the name input fields refer to it by
 * @param contentType as declared by the caller; runners check the bytes themselves
 */
public record ModelFile(String name, String contentType, byte[] bytes) {}
