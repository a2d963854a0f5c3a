package dev.cadenza.workflows.render;

import dev.cadenza.workflows.fetch.SourceKind;
import java.util.List;

/**
 * One track: {@code video} (colour or MP4 clips), {@code image}, {@code text} or {@code audio}.
 */
public record TimelineTrack(String type, List<TimelineClip> clips) {

  /** The kind of file a clip of this track type reads from its {@code sourceUrl}, or null. */
  public static SourceKind sourceKind(String type) {
    return switch (type) {
      case "video" -> SourceKind.VIDEO;
      case "image" -> SourceKind.IMAGE;
      case "audio" -> SourceKind.AUDIO;
      default -> null;
    };
  }
}
