package dev.cadenza.workflows.media;

import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.render.Timeline;
import java.util.List;

/**
 * Render a timeline. {@code sources[i]} was staged as {@code staged[i]}; clips name their files
 * by URL, and the clip's track says which kind of source it reads. Uploaded clips carry their
 * stored file in the timeline itself ({@link Timeline#uploads()}): they are read from storage as
 * they are, never fetched nor staged again.
 */
public record RenderJob(
    String generationId,
    String userId,
    Timeline timeline,
    List<Source> sources,
    List<StagedFile> staged) {}
