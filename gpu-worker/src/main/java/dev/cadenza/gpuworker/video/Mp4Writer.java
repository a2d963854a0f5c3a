package dev.cadenza.gpuworker.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.encode.DumbRateControl;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.AudioFormat;
import org.jcodec.common.Codec;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.boxes.Box;
import org.jcodec.containers.mp4.boxes.Edit;
import org.jcodec.containers.mp4.boxes.Header;
import org.jcodec.containers.mp4.muxer.CodecMP4MuxerTrack;
import org.jcodec.containers.mp4.muxer.MP4Muxer;

/**
 * An MP4 file being written: H.264 video (jcodec's pure-Java encoder, Baseline profile, a key
 * frame every 25 frames) at a constant frame rate, colours in limited-range BT.709 and declared
 * so in the stream and the container, and, optionally, AAC-LC stereo sound (see {@link
 * AacEncoder}). Writes to a temporary file that {@link #finish} reads back and deletes, so a long
 * video never sits in memory twice.
 */
final class Mp4Writer implements AutoCloseable {

  /** ITU-T H.273 code points of BT.709 (colour primaries, transfer, matrix). */
  private static final int BT709 = 1;

  private final int fps;
  private final Path file;
  private final SeekableByteChannel channel;
  private final MP4Muxer muxer;
  private final CodecMP4MuxerTrack video;
  private final H264Encoder encoder = new Bt709H264Encoder();
  private final Picture picture;
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
    this.video = (CodecMP4MuxerTrack) muxer.addVideoTrack(
        Codec.H264,
        VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420));
    video.getEntries().get(0).add(colr());
    // jcodec's encoder only accepts pictures labelled full range (YUV420J); the label is not
    // written anywhere and the samples are coded as they are, so studio-range samples pass.
    this.picture = Picture.create(width, height, ColorSpace.YUV420J);
  }

  /** {@code frame} must be {@link BufferedImage#TYPE_3BYTE_BGR} at the writer's size. */
  void addFrame(BufferedImage frame) {
    Bt709.toPicture(frame, picture);
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

  /**
   * Adds the whole soundtrack as AAC-LC. Its edit list skips the encoder's priming samples and
   * ends with the video, so sound and picture start together and players report one duration.
   */
  void addSound(PcmAudio sound) {
    AacEncoder.Aac aac = AacEncoder.encode(sound);
    int rate = aac.sampleRate();
    CodecMP4MuxerTrack track =
        muxer.addCompressedAudioTrack(Codec.AAC, AudioFormat.STEREO_S16_LE(rate));
    // In the movie's time scale, which is the video's (one unit per frame).
    track.setEdits(List.of(new Edit(frames, aac.primingSamples(), 1f)));
    long pts = 0;
    try {
      for (byte[] frame : aac.adtsFrames()) {
        track.addFrame(Packet.createPacket(
            ByteBuffer.wrap(frame),
            pts,
            rate,
            AacEncoder.FRAME_SAMPLES,
            pts / AacEncoder.FRAME_SAMPLES,
            Packet.FrameType.KEY,
            null));
        pts += AacEncoder.FRAME_SAMPLES;
      }
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

  /** The 'colr' box (ISO/IEC 14496-12, type nclx): BT.709, limited range. */
  private static Box colr() {
    ByteBuffer body = ByteBuffer.allocate(11);
    body.put("nclx".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    body.putShort((short) BT709).putShort((short) BT709).putShort((short) BT709);
    body.put((byte) 0); // full_range_flag 0, reserved bits 0
    return Box.createLeafBox(Header.createHeader("colr", 8 + 11), body.flip());
  }

  /** jcodec's encoder with a VUI in its SPS that states the colour encoding. */
  private static final class Bt709H264Encoder extends H264Encoder {

    Bt709H264Encoder() {
      super(new DumbRateControl());
    }

    @Override
    public SeqParameterSet initSPS(Size size) {
      SeqParameterSet sps = super.initSPS(size);
      VUIParameters vui = new VUIParameters();
      vui.videoSignalTypePresentFlag = true;
      vui.videoFormat = 5; // unspecified
      vui.videoFullRangeFlag = false;
      vui.colourDescriptionPresentFlag = true;
      vui.colourPrimaries = BT709;
      vui.transferCharacteristics = BT709;
      vui.matrixCoefficients = BT709;
      sps.vuiParams = vui;
      return sps;
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
