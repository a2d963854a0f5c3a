package dev.cadenza.fleet;

/**
 * An input file sent with a job ({@code JobRequest.files}); input fields name it by {@code name}.
 */
public record JobFile(String name, String contentType, byte[] bytes) {}
