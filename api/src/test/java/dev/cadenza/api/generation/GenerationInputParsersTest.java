package dev.cadenza.api.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.render.RenderInput;
import dev.cadenza.workflows.render.TimelineClip;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The image, image-to-3d and render input contracts of API.md, field by field. */
class GenerationInputParsersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OutboundAddressPolicy POLICY = OutboundAddressPolicy.publicOnly();

  @Test
  void anImageGetsItsDefaults() {
    ImageInputParser.Parsed image = ImageInputParser.parse(json("{\"prompt\":\"a fox\"}"));

    assertThat(image.input().width()).isEqualTo(512);
    assertThat(image.input().height()).isEqualTo(512);
    assertThat(image.normalized().path("seed").isIntegralNumber()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|input.prompt|is required",
        "{\"prompt\":\"x\",\"width\":255}|input.width|between 256 and 1536",
        "{\"prompt\":\"x\",\"height\":\"512\"}|input.height|whole number",
        "{\"prompt\":\"x\",\"size\":1}|input.size|not a known field",
        "[]|input|must be an object"
      })
  void badImagesAreRefusedFieldByField(String input, String field, String message) {
    assertProblem(() -> ImageInputParser.parse(json(input)), field, message);
  }

  /** Parsing alone never gets as far as a parent: the cases have none or are refused first. */
  private static final Function<String, StagedFile> NO_PARENT = id -> {
    throw new AssertionError("no parent expected, got " + id);
  };

  /** No user has uploads here: every id is refused, as an unknown one is. */
  private static final UploadResolver NO_UPLOADS = (field, id, kind, name) -> {
    throw new UploadResolver.Refused("must be the id of one of your uploads");
  };

  @Test
  void imageTo3dTakesAUrlOrAPrompt() {
    assertThat(ImageTo3dInputParser.parse(
                json("{\"imageUrl\":\"https://example.com/a.png\"}"), POLICY, NO_UPLOADS, NO_PARENT)
            .fromPrompt())
        .isFalse();
    assertThat(ImageTo3dInputParser.parse(
                json("{\"prompt\":\"an owl\",\"style\":\"clay\"}"), POLICY, NO_UPLOADS, NO_PARENT)
            .input()
            .style())
        .isEqualTo("clay");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|input|exactly one of imageUrl, imageUploadId, imageFrom, prompt",
        "{\"imageFrom\":\"gen_1\",\"prompt\":\"x\"}|input|exactly one",
        "{\"imageFrom\":7}|input.imageFrom|must be a string",
        "{\"imageUploadId\":\"upl_1\",\"prompt\":\"x\"}|input|exactly one",
        "{\"imageUploadId\":\"upl_1\"}|input.imageUploadId|one of your uploads",
        "{\"imageUrl\":\"https://e.com/a.png\",\"prompt\":\"x\"}|input|exactly one",
        "{\"imageUrl\":\"ftp://e.com/a.png\"}|input.imageUrl|only http and https",
        "{\"imageUrl\":\"http://127.0.0.1/a.png\"}|input.imageUrl|not a public address",
        "{\"imageUrl\":\"http://169.254.169.254/latest\"}|input.imageUrl|not a public address",
        "{\"imageUrl\":\"http://10.1.1.1/a.png\"}|input.imageUrl|not a public address",
        "{\"imageUrl\":\"http://[::1]/a.png\"}|input.imageUrl|not a public address",
        "{\"imageUrl\":\"http://localhost/a.png\"}|input.imageUrl|not a public address",
        "{\"imageUrl\":\"not a url\"}|input.imageUrl|http(s) URL",
        "{\"imageUrl\":42}|input.imageUrl|must be a string",
        "{\"prompt\":\"x\",\"style\":\"\"}|input.style|blank"
      })
  void badImageTo3dInputsAreRefused(String input, String field, String message) {
    assertProblem(
        () -> ImageTo3dInputParser.parse(json(input), POLICY, NO_UPLOADS, NO_PARENT),
        field,
        message);
  }

  @Test
  void aRenderTimelineIsReadWithItsClipsAndTargets() {
    RenderInput render = RenderInputParser.parse(json("""
                {"timeline": {"width": 640, "height": 360, "fps": 24, "durationSeconds": 4.5,
                  "tracks": [
                    {"type": "video", "clips": [{"start": 0, "duration": 4.5, "color": "#123"}]},
                    {"type": "image", "clips": [{"start": 1, "duration": 2, "sourceUrl": "https://e.com/a.png"}]},
                    {"type": "text", "clips": [{"start": 0, "duration": 3, "text": "Hi", "color": "#ffffffcc"}]},
                    {"type": "audio", "clips": [{"start": 0, "duration": 4, "sourceUrl": "https://e.com/a.wav"}]}]},
                 "publishTo": [{"platform": "webhook", "url": "https://hooks.example.com/x"}]}"""), POLICY, NO_UPLOADS).input();

    assertThat(render.timeline().durationSeconds()).isEqualTo(4.5);
    assertThat(render.timeline().tracks()).hasSize(4);
    assertThat(render.timeline().tracks().get(1).clips())
        .containsExactly(new TimelineClip(1, 2, null, "https://e.com/a.png", null));
    assertThat(render.timeline().sources()).hasSize(2);
    assertThat(render.publishTo()).singleElement().satisfies(t -> {
      assertThat(t.platform()).isEqualTo("webhook");
      assertThat(t.url()).isEqualTo("https://hooks.example.com/x");
    });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|input.timeline|is required",
        "{\"timeline\":[]}|input.timeline|must be an object",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24}}|input.timeline.durationSeconds|is required",
        "{\"timeline\":{\"width\":641,\"height\":360,\"fps\":24,\"durationSeconds\":2}}|input.timeline.width|even",
        "{\"timeline\":{\"width\":1920,\"height\":1920,\"fps\":24,\"durationSeconds\":2}}|input.timeline|1920 x 1080",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":61,\"durationSeconds\":2}}|input.timeline.fps|between 1 and 60",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":61}}|input.timeline.durationSeconds|between",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[{\"type\":\"smell\"}]}}|input.timeline.tracks[0].type|one of video",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,\"duration\":1}]}]}}|input.timeline.tracks[0].clips[0].text|is required",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":2,\"duration\":1,\"text\":\"x\"}]}]}}|input.timeline.tracks[0].clips[0].start|before the end",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,\"duration\":0,\"text\":\"x\"}]}]}}|input.timeline.tracks[0].clips[0].duration|between",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[{\"type\":\"image\",\"clips\":[{\"start\":0,\"duration\":1,\"text\":\"x\",\"sourceUrl\":\"https://e.com/a.png\"}]}]}}|input.timeline.tracks[0].clips[0].text|not used by a image clip",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[{\"type\":\"video\",\"clips\":[{\"start\":0,\"duration\":1}]}]}}|input.timeline.tracks[0].clips[0]|exactly one of color, sourceUrl or uploadId",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[{\"type\":\"video\",\"clips\":[{\"start\":0,\"duration\":1,\"color\":\"red\"}]}]}}|input.timeline.tracks[0].clips[0].color|#rgb",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,\"tracks\":[{\"type\":\"audio\",\"clips\":[{\"start\":0,\"duration\":1,\"sourceUrl\":\"http://192.168.0.1/a.wav\"}]}]}}|input.timeline.tracks[0].clips[0].sourceUrl|not a public address",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2},\"publishTo\":[{\"platform\":\"tiktok\",\"url\":\"https://e.com\"}]}|input.publishTo[0].platform|must be webhook",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2},\"publishTo\":[{\"platform\":\"webhook\"}]}|input.publishTo[0].url|is required",
        "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2},\"publishTo\":{}}|input.publishTo|must be a list"
      })
  void badRendersAreRefusedWithThePathOfTheField(String input, String field, String message) {
    assertProblem(() -> RenderInputParser.parse(json(input), POLICY, NO_UPLOADS), field, message);
  }

  @Test
  void tooManyTracksClipsOrSourcesAreRefused() {
    StringBuilder clips = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      clips
          .append(i == 0 ? "" : ",")
          .append("{\"start\":0,\"duration\":1,\"sourceUrl\":\"https://e.com/" + i + ".png\"}");
    }
    String body = "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,"
        + "\"tracks\":[{\"type\":\"image\",\"clips\":[" + clips + "]}]}}";

    assertProblem(
        () -> RenderInputParser.parse(json(body), POLICY, NO_UPLOADS),
        "input.timeline.tracks",
        "16 different");
  }

  /**
   * The user's ready uploads, by id, as {@code api/uploads/UploadReferences} resolves them: the
   * kind must match, anything else is refused as unknown.
   */
  private static final Map<String, String> READY_UPLOADS = Map.of(
      "upl_png", "image/png",
      "upl_mp4", "video/mp4",
      "upl_wav", "audio/wav",
      "upl_mp3", "audio/mpeg");

  private static final UploadResolver UPLOADS = (field, id, kind, name) -> {
    String type = READY_UPLOADS.get(id);
    if (type == null) {
      throw new UploadResolver.Refused("must be the id of one of your uploads");
    }
    if (!type.startsWith(kind + "/")) {
      throw new UploadResolver.Refused(
          "must be an upload of " + kind + "/*; " + id + " is " + type);
    }
    return new StagedFile(
        "uploads/" + id, name, type, 1000, "ab".repeat(32), Map.of("uploadedAs", id));
  };

  @Test
  void renderClipsTakeUploadsReadFromStorageEachOnceAndShownByTheirId() {
    RenderInputParser.Parsed parsed = RenderInputParser.parse(json("""
            {"timeline": {"width": 640, "height": 360, "fps": 24, "durationSeconds": 4,
              "tracks": [
                {"type": "video", "clips": [{"start": 0, "duration": 2, "uploadId": "upl_mp4"},
                                            {"start": 2, "duration": 2, "uploadId": "upl_mp4"}]},
                {"type": "image", "clips": [{"start": 1, "duration": 2, "uploadId": "upl_png"}]},
                {"type": "audio", "clips": [{"start": 0, "duration": 4, "uploadId": "upl_wav"},
                                            {"start": 0, "duration": 1, "sourceUrl": "https://e.com/a.wav"},
                                            {"start": 1, "duration": 1, "uploadId": "upl_mp3"}]}]}}"""), POLICY, UPLOADS);

    var timeline = parsed.input().timeline();
    assertThat(timeline.sources())
        .as("only the URL is fetched")
        .extracting(s -> s.url())
        .containsExactly("https://e.com/a.wav");
    assertThat(timeline.uploads())
        .as("the MP4 used twice is one input file")
        .extracting(StagedFile::key, StagedFile::name)
        .containsExactly(
            tuple("uploads/upl_mp4", "upload-upl_mp4"),
            tuple("uploads/upl_png", "upload-upl_png"),
            tuple("uploads/upl_wav", "upload-upl_wav"),
            tuple("uploads/upl_mp3", "upload-upl_mp3"));
    TimelineClip image = timeline.tracks().get(1).clips().get(0);
    assertThat(image.sourceUrl()).isNull();
    assertThat(image.upload().contentType()).isEqualTo("image/png");
    JsonNode shown = parsed.normalized().path("timeline").path("tracks");
    assertThat(shown.path(0).path("clips").path(1).path("uploadId").asText()).isEqualTo("upl_mp4");
    assertThat(shown.path(2).path("clips").path(0).path("uploadId").asText()).isEqualTo("upl_wav");
    assertThat(shown.path(2).path("clips").path(1).has("uploadId")).isFalse();
    assertThat(parsed.normalized().toString())
        .as("the user sees their id, never where it is stored")
        .doesNotContain("uploads/")
        .doesNotContain("\"upload\"");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "image|{\"start\":0,\"duration\":1,\"uploadId\":\"upl_png\",\"sourceUrl\":\"https://e.com/a.png\"}|input.timeline.tracks[0].clips[0]|exactly one of sourceUrl or uploadId",
        "audio|{\"start\":0,\"duration\":1}|input.timeline.tracks[0].clips[0]|exactly one of sourceUrl or uploadId",
        "video|{\"start\":0,\"duration\":1,\"uploadId\":\"upl_mp4\",\"color\":\"#fff\"}|input.timeline.tracks[0].clips[0]|exactly one of color, sourceUrl or uploadId",
        "video|{\"start\":0,\"duration\":1,\"uploadId\":\"upl_png\"}|input.timeline.tracks[0].clips[0].uploadId|must be an upload of video/*; upl_png is image/png",
        "image|{\"start\":0,\"duration\":1,\"uploadId\":\"upl_wav\"}|input.timeline.tracks[0].clips[0].uploadId|must be an upload of image/*",
        "audio|{\"start\":0,\"duration\":1,\"uploadId\":\"upl_nope\"}|input.timeline.tracks[0].clips[0].uploadId|one of your uploads",
        "audio|{\"start\":0,\"duration\":1,\"uploadId\":7}|input.timeline.tracks[0].clips[0].uploadId|must be a string",
        "text|{\"start\":0,\"duration\":1,\"text\":\"x\",\"uploadId\":\"upl_png\"}|input.timeline.tracks[0].clips[0].uploadId|not used by a text clip"
      })
  void badUploadsInRenderClipsAreRefusedNamingTheField(
      String track, String clip, String field, String message) {
    String body = "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,"
        + "\"tracks\":[{\"type\":\"" + track + "\",\"clips\":[" + clip + "]}]}}";
    assertProblem(() -> RenderInputParser.parse(json(body), POLICY, UPLOADS), field, message);
  }

  @Test
  void theSixteenSourcesLimitCountsUrlsAndUploadsTogether() {
    StringBuilder clips =
        new StringBuilder("{\"start\":0,\"duration\":1,\"uploadId\":\"upl_png\"}");
    for (int i = 0; i < 16; i++) {
      clips.append(",{\"start\":0,\"duration\":1,\"sourceUrl\":\"https://e.com/" + i + ".png\"}");
    }
    String body = "{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":2,"
        + "\"tracks\":[{\"type\":\"image\",\"clips\":[" + clips + "]}]}}";

    assertProblem(
        () -> RenderInputParser.parse(json(body), POLICY, UPLOADS),
        "input.timeline.tracks",
        "16 different sources (sourceUrls and uploadIds)");
  }

  /** Issue 13: whole numbers out of range were "must be a whole number". */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"prompt\":\"x\",\"width\":1e308}|input.width|is out of range: must be a whole number between 256 and 1536",
        "{\"prompt\":\"x\",\"width\":9223372036854775808}|input.width|is out of range: must be a whole number between 256 and 1536",
        "{\"prompt\":\"x\",\"seed\":18446744073709551616}|input.seed|is out of range: must be a whole number between 0 and 9223372036854775807",
        "{\"prompt\":\"x\",\"seed\":-1}|input.seed|is out of range: must be a whole number between 0 and 9223372036854775807",
        "{\"prompt\":\"x\",\"width\":512.5}|input.width|is not a whole number: must be a whole number between 256 and 1536",
        "{\"prompt\":\"x\",\"width\":\"512\"}|input.width|must be a whole number between 256 and 1536"
      })
  void numbersAreRefusedWithTheRuleAndTheRange(String input, String field, String message) {
    assertThatThrownBy(() -> ImageInputParser.parse(json(input)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).containsExactly(new FieldProblem(field, message)));
  }

  @Test
  void aWholeNumberInAnyJsonSpellingIsAccepted() {
    assertThat(ImageInputParser.parse(json("{\"prompt\":\"x\",\"width\":5.12e2}"))
            .input()
            .width())
        .isEqualTo(512);
  }

  private static void assertProblem(Runnable parse, String field, String message) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).as("%s", e.errors()).anySatisfy(p -> {
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.message()).contains(message);
            }));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
