package dev.cadenza.workflows.render;

/**
 * One clip, in seconds from the start of the timeline. Optional fields are null when not given.
 *
 * @param color {@code #rgb}, {@code #rrggbb} or {@code #rrggbbaa}
 */
public record TimelineClip(
    double start, double duration, String text, String sourceUrl, String color) {}
