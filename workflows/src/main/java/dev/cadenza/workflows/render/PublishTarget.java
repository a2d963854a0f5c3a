package dev.cadenza.workflows.render;

/** Where a finished render is sent: {@code platform} {@code webhook} posts it to {@code url}. */
public record PublishTarget(String platform, String url) {}
