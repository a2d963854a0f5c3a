package dev.cadenza.workflows.render;

import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourceKind;
import dev.cadenza.workflows.media.StagedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A render's timeline as the API accepted it: tracks drawn bottom (first) to top, each a list of
 * clips. The API has checked sizes, rates, durations and which fields each track type needs.
 */
public record Timeline(
    int width, int height, int fps, double durationSeconds, List<TimelineTrack> tracks) {

  /**
   * Every file a clip names by URL, once per URL and kind, in order of first use: what the render
   * fetches. Uploaded clips are not among them ({@link #uploads()}).
   */
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

  /**
   * Every upload a clip reads, once each however many clips use it, in order of first use: they
   * are already in storage, so the render job reads them from there without a fetch.
   */
  public List<StagedFile> uploads() {
    return tracks.stream()
        .flatMap(track -> track.clips().stream())
        .map(TimelineClip::upload)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }
}
