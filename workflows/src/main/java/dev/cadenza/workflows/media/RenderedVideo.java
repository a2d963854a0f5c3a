package dev.cadenza.workflows.media;

/** A rendered timeline: the MP4 and its PNG thumbnail, staged. */
public record RenderedVideo(StagedFile video, StagedFile thumbnail) {}
