package dev.cadenza.gpuworker.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.AudioFormat;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.containers.mp4.muxer.PCMMP4MuxerTrack;
import org.jcodec.scale.AWTUtil;

/**
 * An MP4 file being written: H.264 video (jcodec's pure-Java encoder, Baseline profile, a key
 * frame every 25 frames) at a constant frame rate and, optionally, 16-bit PCM stereo sound.
 * Writes to a temporary file that {@link #finish} reads back and deletes, so a long video never
 * sits in memory twice.
 */
final class Mp4Writer implements AutoCloseable {

  private final int fps;
  private final Path file;
  private final SeekableByteChannel channel;
  private final MP4Muxer muxer;
  private final MuxerTrack video;
  private final H264Encoder encoder = H264Encoder.createH264Encoder();
  private ByteBuffer buffer;
  private int frames;
  private boolean finished;

  Mp4Writer(int width, int height, int fps) {
    this.fps = fps;
    try {
      this.file = Files.createTempFile("cadenza-render-", ".mp4");
      this.channel = NIOUtils.writableChannel(file.toFile());
      this.muxer = MP4Muxer.createMP4MuxerToChannel(channel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.video = muxer.addVideoTrack(
        Codec.H264,
        VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
  }

  void addFrame(BufferedImage frame) {
    Picture picture = AWTUtil.fromBufferedImage(frame, ColorSpace.YUV420J);
    if (buffer == null) {
      buffer = ByteBuffer.allocate(encoder.estimateBufferSize(picture));
    }
    buffer.clear();
    VideoEncoder.EncodedFrame encoded = encoder.encodeFrame(picture, buffer);
    try {
      video.addFrame(Packet.createPacket(
          NIOUtils.clone(encoded.getData()),
          frames,
          fps,
          1,
          frames,
          encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER,
          null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    frames++;
  }

  /** Adds the whole soundtrack: interleaved 16-bit little-endian stereo at {@code rate} Hz. */
  void addSound(ByteBuffer pcm, int rate) {
    PCMMP4MuxerTrack sound = muxer.addPCMAudioTrack(AudioFormat.STEREO_S16_LE(rate));
    try {
      sound.addSamples(pcm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the index and returns the file's bytes. */
  byte[] finish() {
    try {
      muxer.finish();
      channel.close();
      finished = true;
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    try {
      if (!finished) {
        channel.close();
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
