package dev.cadenza.gpuworker.video;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.media.Pictures;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Model {@code "video"}: renders a timeline (see {@link Timeline}) frame by frame with Java2D and
 * encodes it as {@code video.mp4} (H.264 at exactly the requested size and frame rate, {@code
 * round(durationSeconds * fps)} frames, limited-range BT.709 colours; AAC-LC stereo sound at 44.1
 * kHz when the timeline has audio clips), plus {@code thumbnail.png}, the middle frame at most 640 pixels wide. Progress
 * rises with every rendered percent of frames, each a cancellation point.
 *
 * <p>Metadata: {@code width}, {@code height}, {@code fps}, {@code durationSeconds}, {@code
 * frames}, {@code videoCodec} ({@code h264}), {@code audioCodec} ({@code aac} or {@code none}), {@code thumbnailWidth}, {@code thumbnailHeight}.
 */
public final class VideoRunner implements ModelRunner {

  public static final String VIDEO = "video.mp4";
  public static final String THUMBNAIL = "thumbnail.png";
  private static final int THUMBNAIL_WIDTH = 640;

  @Override
  public String model() {
    return "video";
  }

  @Override
  public void validate(Struct input) {
    Timeline.from(input);
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    Timeline timeline = Timeline.from(input);
    Sources sources = new Sources(ctx);
    ctx.progress("render", 0);
    FrameRenderer renderer = new FrameRenderer(timeline, sources);
    BufferedImage frame =
        new BufferedImage(timeline.width(), timeline.height(), BufferedImage.TYPE_3BYTE_BGR);
    int frames = timeline.frames();
    boolean sound = timeline.tracks().stream()
        .anyMatch(t -> t.type().equals("audio") && !t.clips().isEmpty());
    byte[] mp4;
    try (Mp4Writer writer = new Mp4Writer(timeline.width(), timeline.height(), timeline.fps())) {
      int reported = 0;
      for (int i = 0; i < frames; i++) {
        renderer.draw(frame, (double) i / timeline.fps());
        writer.addFrame(frame);
        int percent = (int) ((long) (i + 1) * 90 / frames);
        if (percent > reported) {
          ctx.progress("render", percent);
          reported = percent;
        } else {
          ctx.checkCanceled();
        }
      }
      if (sound) {
        writer.addSound(soundtrack(timeline, sources, frames));
      }
      ctx.progress("mux", 92);
      mp4 = writer.finish();
    }

    renderer.draw(frame, timeline.durationSeconds() / 2);
    BufferedImage thumbnail = Pictures.fitWithin(frame, THUMBNAIL_WIDTH);
    ctx.progress("thumbnail", 96);
    ctx.emitOutput(VIDEO, "video/mp4", mp4);
    ctx.emitOutput(THUMBNAIL, "image/png", Pictures.png(thumbnail));

    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("width", Integer.toString(timeline.width()));
    metadata.put("height", Integer.toString(timeline.height()));
    metadata.put("fps", Integer.toString(timeline.fps()));
    metadata.put("durationSeconds", seconds((double) frames / timeline.fps()));
    metadata.put("frames", Integer.toString(frames));
    metadata.put("videoCodec", "h264");
    metadata.put("audioCodec", sound ? "aac" : "none");
    metadata.put("thumbnailWidth", Integer.toString(thumbnail.getWidth()));
    metadata.put("thumbnailHeight", Integer.toString(thumbnail.getHeight()));
    return RunResult.media(metadata);
  }

  /** Exactly as long as the video, so players report one duration for both tracks. */
  private static PcmAudio soundtrack(Timeline timeline, Sources sources, int frames) {
    AudioMixer mixer = new AudioMixer((double) frames / timeline.fps());
    for (Timeline.Track track : timeline.tracks()) {
      if (track.type().equals("audio")) {
        for (Timeline.Clip clip : track.clips()) {
          mixer.add(sources.sound(clip.source()), clip.start(), clip.duration());
        }
      }
    }
    return mixer.stereo();
  }

  private static String seconds(double seconds) {
    double rounded = Math.round(seconds * 1000) / 1000.0;
    return rounded == Math.rint(rounded)
        ? Long.toString((long) rounded)
        : String.format(Locale.ROOT, "%.3f", rounded);
  }
}
