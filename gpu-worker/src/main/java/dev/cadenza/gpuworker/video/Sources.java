package dev.cadenza.gpuworker.video;

import dev.cadenza.gpuworker.media.Pictures;
import dev.cadenza.gpuworker.runner.RunContext;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * The decoded input files a timeline uses, by source name, each decoded once and as what its
 * track needs: a picture for image clips, a decoder for video clips, samples for audio clips.
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
    return sounds.computeIfAbsent(
        name, n -> PcmAudio.decode(ctx.requiredFile("source", n).bytes(), "audio source " + n));
  }
}
