package dev.cadenza.fleet;

import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.media.RenderJob;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.render.Timeline;
import dev.cadenza.workflows.render.TimelineClip;
import dev.cadenza.workflows.render.TimelineTrack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A render job as the {@code video} model reads it: the timeline with each clip's {@code
 * sourceUrl} replaced by {@code source}, the name of the input file holding what was fetched
 * from that URL (for that track's kind), or, for an uploaded clip, the name of its upload.
 */
final class TimelineInput {

  private TimelineInput() {}

  static Map<String, Object> of(RenderJob job) {
    Map<Source, String> names = new HashMap<>();
    for (int i = 0; i < job.sources().size(); i++) {
      names.put(job.sources().get(i), job.staged().get(i).name());
    }
    Timeline timeline = job.timeline();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("width", timeline.width());
    input.put("height", timeline.height());
    input.put("fps", timeline.fps());
    input.put("durationSeconds", timeline.durationSeconds());
    List<Object> tracks = new ArrayList<>();
    for (TimelineTrack track : timeline.tracks()) {
      List<Object> clips = new ArrayList<>();
      for (TimelineClip clip : track.clips()) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("start", clip.start());
        fields.put("duration", clip.duration());
        fields.put("text", clip.text());
        fields.put("color", clip.color());
        if (clip.upload() != null) {
          fields.put("source", clip.upload().name());
        } else if (clip.sourceUrl() != null) {
          Source source = new Source(clip.sourceUrl(), TimelineTrack.sourceKind(track.type()));
          fields.put("source", names.get(source));
        }
        clips.add(fields);
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("type", track.type());
      fields.put("clips", clips);
      tracks.add(fields);
    }
    input.put("tracks", tracks);
    return input;
  }

  /** The files the job reads, each once: what was fetched, then the uploads as stored. */
  static List<StagedFile> files(RenderJob job) {
    return Stream.concat(job.staged().stream(), job.timeline().uploads().stream())
        .distinct()
        .toList();
  }
}
