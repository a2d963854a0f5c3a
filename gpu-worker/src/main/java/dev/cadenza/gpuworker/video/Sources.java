package dev.cadenza.gpuworker.video;

import dev.cadenza.gpuworker.media.MediaFacts;
import dev.cadenza.gpuworker.media.Pictures;
import dev.cadenza.gpuworker.runner.RunContext;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * The decoded input files a timeline uses, by source name, each decoded once and as what its
 * track needs: a picture for image clips, a decoder for video clips, samples for audio clips (WAV
 * read directly, MP3 through FFmpeg).
 */
final class Sources {

  private final RunContext ctx;
  private final Map<String, BufferedImage> pictures = new HashMap<>();
  private final Map<String, VideoSource> videos = new HashMap<>();
  private final Map<String, PcmAudio> sounds = new HashMap<>();

  Sources(RunContext ctx) {
    this.ctx = ctx;
  }

  BufferedImage picture(String name) {
    return pictures.computeIfAbsent(
        name, n -> Pictures.decode(ctx.requiredFile("source", n).bytes(), "image source " + n));
  }

  VideoSource video(String name) {
    return videos.computeIfAbsent(
        name, n -> new VideoSource(ctx.requiredFile("source", n).bytes(), "video source " + n));
  }

  PcmAudio sound(String name) {
    return sounds.computeIfAbsent(name, n -> {
      byte[] bytes = ctx.requiredFile("source", n).bytes();
      // WAV is read directly; anything else (MP3 uploads) goes through FFmpeg.
      return MediaFacts.sniff(bytes).equals("WAV audio")
          ? PcmAudio.decode(bytes, "audio source " + n)
          : CompressedAudio.decode(bytes, "audio source " + n);
    });
  }
}
