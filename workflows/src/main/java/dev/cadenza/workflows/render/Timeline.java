package dev.cadenza.workflows.render;

import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourceKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A render's timeline as the API accepted it: tracks drawn bottom (first) to top, each a list of
 * clips. The API has checked sizes, rates, durations and which fields each track type needs.
 */
public record Timeline(
    int width, int height, int fps, double durationSeconds, List<TimelineTrack> tracks) {

  /** Every file a clip names, once per URL and kind, in order of first use. */
  public List<Source> sources() {
    List<Source> sources = new ArrayList<>();
    for (TimelineTrack track : tracks) {
      SourceKind kind = TimelineTrack.sourceKind(track.type());
      for (TimelineClip clip : track.clips()) {
        Source source = new Source(clip.sourceUrl(), kind);
        if (clip.sourceUrl() != null && kind != null && !sources.contains(source)) {
          sources.add(source);
        }
      }
    }
    return sources;
  }
}
