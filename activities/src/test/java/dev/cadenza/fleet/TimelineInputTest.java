package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourceKind;
import dev.cadenza.workflows.media.RenderJob;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.render.Timeline;
import dev.cadenza.workflows.render.TimelineClip;
import dev.cadenza.workflows.render.TimelineTrack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a render job names its input files for the video model: fetched URLs and uploads. */
class TimelineInputTest {
  private static final String URL = "https://example.com/a.png";
  private static final StagedFile FETCHED =
      new StagedFile("staging/gen_1/source-0.png", "source-0.png", "image/png", 10, "aa", Map.of());
  private static final StagedFile MOVIE =
      new StagedFile("uploads/upl_1.mp4", "upload-upl_1.mp4", "video/mp4", 20, "bb", Map.of());

  @Test
  void eachClipNamesItsFileAndEachFileIsSentOnce() {
    Timeline timeline = new Timeline(
        320,
        240,
        24,
        2,
        List.of(
            new TimelineTrack(
                "video",
                List.of(
                    new TimelineClip(0, 1, null, null, null, MOVIE),
                    new TimelineClip(1, 1, null, null, null, MOVIE))),
            new TimelineTrack("image", List.of(new TimelineClip(0, 1, null, URL, null)))));
    RenderJob job = new RenderJob(
        "gen_1", "usr_1", timeline, List.of(new Source(URL, SourceKind.IMAGE)), List.of(FETCHED));

    Map<String, Object> input = TimelineInput.of(job);

    assertThat(input.toString())
        .contains("source=upload-upl_1.mp4")
        .contains("source=source-0.png")
        .doesNotContain("uploads/")
        .doesNotContain(URL);
    assertThat(TimelineInput.files(job)).containsExactly(FETCHED, MOVIE);
  }
}
