package dev.cadenza.workflows.render;

import dev.cadenza.workflows.media.StagedFile;

/**
 * One clip, in seconds from the start of the timeline. Optional fields are null when not given.
 *
 * @param color {@code #rgb}, {@code #rrggbb} or {@code #rrggbbaa}
 * @param upload the user's checked upload the clip shows or plays (given as {@code uploadId}), a
 *     claim check (its storage key, size and sha256, never its bytes): the render reads it from
 *     storage, it is never fetched; null for a {@code sourceUrl} clip (and in histories recorded
 *     before uploads existed)
 */
public record TimelineClip(
    double start, double duration, String text, String sourceUrl, String color, StagedFile upload) {

  /** A clip without an upload (histories recorded before them have none). */
  public TimelineClip(double start, double duration, String text, String sourceUrl, String color) {
    this(start, duration, text, sourceUrl, color, null);
  }
}
