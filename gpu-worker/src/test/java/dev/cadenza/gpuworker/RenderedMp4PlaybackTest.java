package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cadenza.gpuworker.audio.WavWriter;
import dev.cadenza.proto.gpu.v1.JobEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jcodec.api.FrameGrab;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.boxes.VideoSampleEntry;
import org.jcodec.containers.mp4.demuxer.AbstractMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a player makes of a rendered MP4: a solid {@code #1d3557} clip with a 440 Hz tone, read
 * with real decoders (jcodec in process, ffmpeg/ffprobe as separate programs). The colour must
 * come out as asked, which needs the stream to say how its samples encode colour; the sound must
 * be AAC-LC, which every browser plays, and survive a stream copy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedMp4PlaybackTest {

  private static final int[] NAVY = {0x1d, 0x35, 0x57};
  private static final int LEVELS = 3;

  private final TestWorker worker = TestWorker.start(GpuWorkerConfig.builder());

  @TempDir
  Path dir;

  private byte[] mp4;

  @BeforeAll
  void render() throws Exception {
    float[] tone = new float[44_100 * 2];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 44_100.0));
    }
    List<JobEvent> events = worker.run(
        Jobs.request("navy", "video", """
        {"width": 320, "height": 240, "fps": 10, "durationSeconds": 2,
         "tracks": [
           {"type": "video", "clips": [{"start": 0, "duration": 2, "color": "#1d3557"}]},
           {"type": "audio", "clips": [{"start": 0, "duration": 2, "source": "tone.wav"}]}
         ]}""", Map.of("tone.wav", WavWriter.pcm16Mono(tone, 44_100))));
    assertThat(Jobs.last(events).hasCompleted())
        .as(Jobs.last(events).toString())
        .isTrue();
    mp4 = Jobs.outputs(events).get("video.mp4");
    assertThat(Jobs.last(events).getCompleted().getMetadataMap())
        .containsEntry("audioCodec", "aac");
  }

  @AfterAll
  void stop() throws InterruptedException {
    worker.close();
  }

  @Test
  void theStreamDeclaresLimitedRangeBt709AndJcodecDecodesTheAskedColour() throws Exception {
    MP4Demuxer demuxer = MP4Demuxer.createMP4Demuxer(
        ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)));
    VideoSampleEntry entry = (VideoSampleEntry)
        ((AbstractMP4DemuxerTrack) demuxer.getVideoTracks().get(0)).getSampleEntries()[0];
    SeqParameterSet sps =
        SeqParameterSet.read(H264Utils.parseAVCC(entry).getSpsList().get(0).duplicate());
    VUIParameters vui = sps.vuiParams;
    assertThat(vui).as("VUI in the SPS").isNotNull();
    assertThat(vui.videoSignalTypePresentFlag).isTrue();
    assertThat(vui.videoFullRangeFlag).as("full range").isFalse();
    assertThat(vui.colourDescriptionPresentFlag).isTrue();
    assertThat(List.of(vui.colourPrimaries, vui.transferCharacteristics, vui.matrixCoefficients))
        .as("primaries, transfer, matrix")
        .containsExactly(1, 1, 1);

    assertClose(centreColour(mp4), "jcodec");
  }

  @Test
  void aRenderUsedAsTheSourceOfAnotherKeepsItsColour() throws Exception {
    List<JobEvent> events =
        worker.run(Jobs.request("navy-nested", "video", """
        {"width": 320, "height": 240, "fps": 10, "durationSeconds": 1,
         "tracks": [{"type": "video", "clips": [{"start": 0, "duration": 1, "source": "navy.mp4"}]}]}""", Map.of("navy.mp4", mp4)));
    assertThat(Jobs.last(events).hasCompleted())
        .as(Jobs.last(events).toString())
        .isTrue();

    assertClose(centreColour(Jobs.outputs(events).get("video.mp4")), "jcodec, nested render");
  }

  @Test
  void ffmpegDecodesTheAskedColour() throws Exception {
    String probe = FfmpegCli.text(
        "ffprobe",
        "-v",
        "error",
        "-select_streams",
        "v:0",
        "-show_entries",
        "stream=color_range,color_space,color_primaries,color_transfer",
        "-of",
        "csv=p=0",
        mp4File().toString());
    assertThat(probe).isEqualTo("tv,bt709,bt709,bt709");

    byte[] rgb = FfmpegCli.run(
        "ffmpeg",
        "-v",
        "error",
        "-ss",
        "1",
        "-i",
        mp4File().toString(),
        "-frames:v",
        "1",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-");
    assertThat(rgb).hasSize(320 * 240 * 3);
    int at = (120 * 320 + 160) * 3;
    assertClose(new int[] {rgb[at] & 0xFF, rgb[at + 1] & 0xFF, rgb[at + 2] & 0xFF}, "ffmpeg");
  }

  @Test
  void theSoundIsAacLcThatFfmpegDecodesAndCopiesIntoANewFile() throws Exception {
    assertThat(audioStream(mp4File())).isEqualTo("aac,LC,44100,2");
    assertThat(Double.parseDouble(FfmpegCli.text(
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "a:0",
            "-show_entries",
            "stream=duration",
            "-of",
            "csv=p=0",
            mp4File().toString())))
        .as("sound as long as the picture")
        .isCloseTo(2.0, within(0.03));

    byte[] pcm = FfmpegCli.run(
        "ffmpeg",
        "-v",
        "error",
        "-i",
        mp4File().toString(),
        "-map",
        "0:a",
        "-ac",
        "1",
        "-f",
        "s16le",
        "-");
    ShortBufferStats tone = ShortBufferStats.of(pcm);
    assertThat(tone.seconds()).isCloseTo(2.0, within(0.03));
    // A 0.5 sine has an RMS of 0.354; silence or a wrong decoder config gives ~0.
    assertThat(tone.rms()).isCloseTo(0.354, within(0.03));

    Path copy = dir.resolve("copy.mp4");
    FfmpegCli.run(
        "ffmpeg",
        "-v",
        "error",
        "-i",
        mp4File().toString(),
        "-map",
        "0",
        "-c",
        "copy",
        copy.toString());
    assertThat(audioStream(copy)).isEqualTo("aac,LC,44100,2");
  }

  private Path mp4File() throws Exception {
    Path file = dir.resolve("navy.mp4");
    return Files.exists(file) ? file : Files.write(file, mp4);
  }

  private static String audioStream(Path mp4) {
    return FfmpegCli.text(
        "ffprobe",
        "-v",
        "error",
        "-select_streams",
        "a:0",
        "-show_entries",
        "stream=codec_name,profile,sample_rate,channels",
        "-of",
        "csv=p=0",
        mp4.toString());
  }

  /** The centre pixel at 0.5 s, decoded by jcodec, as a limited-range BT.709 player shows it. */
  private static int[] centreColour(byte[] mp4) throws Exception {
    Picture frame = FrameGrab.createFrameGrab(
            ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)))
        .seekToSecondPrecise(0.5)
        .getNativeFrame();
    return limitedBt709ToRgb(
        sample(frame, 0, 160, 120), sample(frame, 1, 80, 60), sample(frame, 2, 80, 60));
  }

  /** jcodec keeps samples as signed bytes (value - 128). */
  private static int sample(Picture picture, int plane, int x, int y) {
    return picture.getPlaneData(plane)[y * picture.getPlaneWidth(plane) + x] + 128;
  }

  /** ITU-R BT.709 limited range to 8-bit RGB, written out here rather than shared with main. */
  private static int[] limitedBt709ToRgb(int y, int cb, int cr) {
    double luma = 1.164383 * (y - 16);
    double r = luma + 1.792741 * (cr - 128);
    double g = luma - 0.213249 * (cb - 128) - 0.532909 * (cr - 128);
    double b = luma + 2.112402 * (cb - 128);
    return new int[] {clamp(r), clamp(g), clamp(b)};
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  private static void assertClose(int[] rgb, String decoder) {
    for (int c = 0; c < 3; c++) {
      assertThat(rgb[c])
          .as("%s: channel %d of (%d,%d,%d), asked (29,53,87)", decoder, c, rgb[0], rgb[1], rgb[2])
          .isCloseTo(NAVY[c], within(LEVELS));
    }
  }

  /** Length and loudness of 16-bit little-endian mono samples. */
  private record ShortBufferStats(double seconds, double rms) {
    static ShortBufferStats of(byte[] pcm) {
      ByteBuffer samples = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
      int count = pcm.length / 2;
      double sum = 0;
      // Skip the first and last tenth: the encoder's ramp-in and the clip's cut are not the tone.
      int from = count / 10;
      int to = count - count / 10;
      for (int i = from; i < to; i++) {
        double v = samples.getShort(i * 2) / 32768.0;
        sum += v * v;
      }
      return new ShortBufferStats(count / 44_100.0, Math.sqrt(sum / Math.max(1, to - from)));
    }
  }
}
