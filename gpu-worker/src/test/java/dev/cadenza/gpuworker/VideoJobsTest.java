package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.Completed;
import dev.cadenza.proto.gpu.v1.Failed;
import dev.cadenza.proto.gpu.v1.JobEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.Codec;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The video model over gRPC: a timeline in, an H.264 MP4 of exactly the asked size, rate and
 * length (read back with an MP4 demuxer and decoder) and a PNG thumbnail out; progress while it
 * renders; a cancel stops it and frees the slot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoJobsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final TestWorker worker = TestWorker.start(GpuWorkerConfig.builder());

  @AfterAll
  void stop() throws InterruptedException {
    worker.close();
  }

  @Test
  void aTimelineBecomesAnH264Mp4OfTheRequestedSizeRateAndLength() throws Exception {
    byte[] wav = Jobs.outputs(worker.run(Jobs.request(
            "v-audio", "audio", "prompt", "lo-fi, 80 bpm", "durationSeconds", 2, "seed", 1)))
        .get("audio.wav");
    String timeline = """
        {"width": 320, "height": 240, "fps": 12, "durationSeconds": 3,
         "tracks": [
           {"type": "video", "clips": [{"start": 0, "duration": 1.5, "color": "#ff0000"},
                                       {"start": 1.5, "duration": 1.5, "color": "#0000ff"}]},
           {"type": "image", "clips": [{"start": 2, "duration": 1, "source": "logo.png"}]},
           {"type": "text", "clips": [{"start": 0, "duration": 3, "text": "Hello", "color": "#ffff00"}]},
           {"type": "audio", "clips": [{"start": 0.5, "duration": 2, "source": "song.wav"}]}
         ]}""";
    List<JobEvent> events = worker.run(Jobs.request(
        "v-render",
        "video",
        timeline,
        Map.of("logo.png", MeshJobsTest.picture(100, 100, "png"), "song.wav", wav)));

    assertThat(Jobs.last(events).hasCompleted())
        .as(Jobs.last(events).toString())
        .isTrue();
    Completed done = Jobs.last(events).getCompleted();
    assertThat(done.getMetadataMap())
        .containsEntry("width", "320")
        .containsEntry("height", "240")
        .containsEntry("fps", "12")
        .containsEntry("frames", "36")
        .containsEntry("durationSeconds", "3")
        .containsEntry("videoCodec", "h264")
        .containsEntry("audioCodec", "aac");
    assertThat(events)
        .filteredOn(JobEvent::hasProgress)
        .extracting(e -> e.getProgress().getPercent())
        .isSorted()
        .contains(90);

    byte[] mp4 = Jobs.outputs(events).get("video.mp4");
    MP4Demuxer demuxer = MP4Demuxer.createMP4Demuxer(
        ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)));
    DemuxerTrackMeta video = demuxer.getVideoTracks().get(0).getMeta();
    assertThat(video.getCodec()).isEqualTo(Codec.H264);
    assertThat(video.getVideoCodecMeta().getSize().getWidth()).isEqualTo(320);
    assertThat(video.getVideoCodecMeta().getSize().getHeight()).isEqualTo(240);
    assertThat(video.getTotalFrames()).isEqualTo(36);
    assertThat(video.getTotalDuration()).isEqualTo(3.0);
    assertThat(demuxer.getAudioTracks()).hasSize(1);
    // AAC comes in frames of 1024 samples after 1024 of encoder delay; the track's edit list
    // trims it to the picture's 3 s (ffprobe reads that: RenderedMp4PlaybackTest).
    assertThat(demuxer.getAudioTracks().get(0).getMeta().getTotalDuration())
        .isBetween(3.0, 3.0 + 3 * 1024 / 44_100.0);

    // The pixels are the timeline's: red first, blue later (text and picture aside).
    assertThat(colourAt(mp4, 0.5, 5, 5)).isEqualTo("red");
    assertThat(colourAt(mp4, 1.8, 5, 5)).isEqualTo("blue");

    BufferedImage thumbnail =
        ImageIO.read(new ByteArrayInputStream(Jobs.outputs(events).get("thumbnail.png")));
    assertThat(thumbnail.getWidth()).isEqualTo(320);
    assertThat(thumbnail.getHeight()).isEqualTo(240);
  }

  @Test
  void ffprobeAgrees() throws Exception {
    Path ffprobe = FfmpegCli.require("ffprobe");
    List<JobEvent> events = worker.run(Jobs.request(
        "v-ffprobe",
        "video",
        "{\"width\":256,\"height\":144,\"fps\":25,\"durationSeconds\":2,"
            + "\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,\"duration\":2,\"text\":\"x\"}]}]}",
        Map.of()));
    Path file = Files.createTempFile("video", ".mp4");
    try {
      Files.write(file, Jobs.outputs(events).get("video.mp4"));
      Process probe = new ProcessBuilder(
              ffprobe.toString(),
              "-v",
              "error",
              "-select_streams",
              "v:0",
              "-show_entries",
              "stream=codec_name,width,height,r_frame_rate:format=duration",
              "-of",
              "csv=p=0",
              file.toString())
          .redirectErrorStream(true)
          .start();
      assertThat(probe.waitFor(20, TimeUnit.SECONDS)).isTrue();
      String report = new String(probe.getInputStream().readAllBytes()).strip();
      assertThat(report.lines().toList()).containsExactly("h264,256,144,25/1", "2.000000");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void anMp3IsHeardInTheRenderAndAForgedOneIsRefused() throws Exception {
    // A 440 Hz tone, MP3-encoded by the ffmpeg program (an independent encoder).
    byte[] mp3 = FfmpegCli.run(
        "ffmpeg",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=2",
        "-codec:a",
        "libmp3lame",
        "-b:a",
        "128k",
        "-f",
        "mp3",
        "-");
    String timeline = "{\"width\":160,\"height\":120,\"fps\":10,\"durationSeconds\":2,"
        + "\"tracks\":[{\"type\":\"audio\",\"clips\":[{\"start\":0,\"duration\":2,"
        + "\"source\":\"tone.mp3\"}]}]}";
    List<JobEvent> events =
        worker.run(Jobs.request("v-mp3", "video", timeline, Map.of("tone.mp3", mp3)));
    assertThat(Jobs.last(events).hasCompleted())
        .as(Jobs.last(events).toString())
        .isTrue();
    assertThat(Jobs.last(events).getCompleted().getMetadataMap())
        .containsEntry("audioCodec", "aac");

    Path file = Files.createTempFile("mp3-render", ".mp4");
    try {
      Files.write(file, Jobs.outputs(events).get("video.mp4"));
      // volumedetect's report goes to standard error; -f null discards the decoded samples.
      Process detect = new ProcessBuilder(
              FfmpegCli.require("ffmpeg").toString(),
              "-hide_banner",
              "-i",
              file.toString(),
              "-af",
              "volumedetect",
              "-f",
              "null",
              "-")
          .redirectErrorStream(true)
          .start();
      String report = new String(detect.getInputStream().readAllBytes());
      assertThat(detect.waitFor(30, TimeUnit.SECONDS)).isTrue();
      double maxVolume =
          Double.parseDouble(report.replaceAll("(?s).*max_volume: (-?[0-9.]+) dB.*", "$1"));
      // lavfi's sine is at 1/8 of full scale, -18 dB at its peak; silence would be -91 dB, and a
      // sample format read wrongly (integers as floats, planes mixed up) is noise near 0 dB.
      assertThat(maxVolume).as(report).isBetween(-21.0, -15.0);
    } finally {
      Files.deleteIfExists(file);
    }

    byte[] forged = Arrays.copyOf(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}, 400);
    Arrays.fill(forged, 10, 400, (byte) 0x5a);
    List<JobEvent> refused =
        worker.run(Jobs.request("v-mp3-forged", "video", timeline, Map.of("tone.mp3", forged)));
    assertThat(Jobs.last(refused).hasFailed()).as(Jobs.last(refused).toString()).isTrue();
    Failed failed = Jobs.last(refused).getFailed();
    assertThat(failed.getCode()).isEqualTo("INVALID_INPUT");
    assertThat(failed.getMessage()).contains("audio source tone.mp3 cannot be decoded as audio");
  }

  @Test
  void aRenderedVideoCanBeTheSourceOfAnother() throws Exception {
    byte[] green = Jobs.outputs(worker.run(Jobs.request(
            "v-green",
            "video",
            "{\"width\":160,\"height\":120,\"fps\":10,\"durationSeconds\":1,"
                + "\"tracks\":[{\"type\":\"video\",\"clips\":[{\"start\":0,\"duration\":1,\"color\":\"#00ff00\"}]}]}",
            Map.of())))
        .get("video.mp4");
    List<JobEvent> events = worker.run(Jobs.request(
        "v-nested",
        "video",
        "{\"width\":320,\"height\":240,\"fps\":10,\"durationSeconds\":2,"
            + "\"tracks\":[{\"type\":\"video\",\"clips\":[{\"start\":0.5,\"duration\":1,\"source\":\"green.mp4\"}]}]}",
        Map.of("green.mp4", green)));

    byte[] mp4 = Jobs.outputs(events).get("video.mp4");
    assertThat(colourAt(mp4, 0.2, 160, 120)).isEqualTo("black");
    assertThat(colourAt(mp4, 1.0, 160, 120)).isEqualTo("green");
    assertThat(Jobs.last(events).getCompleted().getMetadataMap())
        .containsEntry("audioCodec", "none");
  }

  @Test
  void cancelingARenderStopsItAndFreesTheSlotAtOnce() throws Exception {
    EventRecorder render = worker.submit(Jobs.request(
        "v-long",
        "video",
        "{\"width\":640,\"height\":360,\"fps\":30,\"durationSeconds\":120,"
            + "\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,\"duration\":120,\"text\":\"long\"}]}]}",
        Map.of()));
    render.await(e -> e.hasProgress() && e.getProgress().getPercent() >= 1, WAIT);

    assertThat(worker.cancel("v-long")).isTrue();

    assertThat(Jobs.last(render.awaitEnd(WAIT)).hasCanceled()).isTrue();
    assertThat(worker.server.metrics().model("video").busySlots()).isZero();
    assertThat(worker.server.metrics().model("video").jobsCanceled()).isEqualTo(1);
  }

  @Test
  void badTimelinesAreInvalidInputBeforeTakingASlot() {
    String[] timelines = {
      "{\"width\":321,\"height\":240,\"fps\":10,\"durationSeconds\":1}",
      "{\"width\":320,\"height\":240,\"fps\":0,\"durationSeconds\":1}",
      "{\"width\":320,\"height\":240,\"fps\":10}",
      "{\"width\":320,\"height\":240,\"fps\":10,\"durationSeconds\":1,\"tracks\":[{\"type\":\"smell\"}]}",
      "{\"width\":320,\"height\":240,\"fps\":10,\"durationSeconds\":1,"
          + "\"tracks\":[{\"type\":\"video\",\"clips\":[{\"start\":0,\"duration\":1,\"color\":\"red\"}]}]}",
      "{\"width\":320,\"height\":240,\"fps\":10,\"durationSeconds\":1,"
          + "\"tracks\":[{\"type\":\"image\",\"clips\":[{\"start\":0,\"duration\":1,\"source\":\"none.png\"}]}]}"
    };
    for (int i = 0; i < timelines.length; i++) {
      Failed failed = Jobs.last(
              worker.run(Jobs.request("v-bad-" + i, "video", timelines[i], Map.of())))
          .getFailed();
      assertThat(failed.getCode()).as(timelines[i]).isEqualTo("INVALID_INPUT");
      assertThat(failed.getRetryable()).isFalse();
    }
  }

  /** The dominant colour of the decoded frame at {@code seconds}, around pixel (x, y). */
  private static String colourAt(byte[] mp4, double seconds, int x, int y) throws Exception {
    FrameGrab grab = FrameGrab.createFrameGrab(
        ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)));
    BufferedImage frame =
        AWTUtil.toBufferedImage(grab.seekToSecondPrecise(seconds).getNativeFrame());
    int rgb = frame.getRGB(x, y);
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    if (r > 180 && g < 80 && b < 80) {
      return "red";
    }
    if (g > 180 && r < 80 && b < 80) {
      return "green";
    }
    if (b > 180 && r < 80 && g < 80) {
      return "blue";
    }
    return r < 40 && g < 40 && b < 40 ? "black" : "rgb(" + r + "," + g + "," + b + ")";
  }
}
