package dev.cadenza.gpuworker.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_AAC_LOW;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_error_string;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Stereo AAC-LC with FFmpeg's native AAC encoder (through the JavaCPP FFmpeg bindings): jcodec
 * has no AAC encoder, and PCM in MP4 is refused by Firefox and by {@code ffmpeg -c copy}.
 */
final class AacEncoder {

  /** Samples per AAC frame, the unit of the track's timing. */
  static final int FRAME_SAMPLES = 1024;

  private static final long BIT_RATE = 160_000;

  static {
    // FFmpeg logs to stderr on its own; errors still reach the caller through return codes.
    av_log_set_level(AV_LOG_ERROR);
  }

  /**
   * Encoded sound: each AAC frame with its ADTS header (the form jcodec's muxer builds the
   * track's esds from), and the encoder delay in samples that the track's edit list skips.
   */
  record Aac(List<byte[]> adtsFrames, int primingSamples, int sampleRate) {}

  private AacEncoder() {}

  static Aac encode(PcmAudio sound) {
    AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (codec == null) {
      throw new IllegalStateException("FFmpeg was built without its AAC encoder");
    }
    AVCodecContext context = avcodec_alloc_context3(codec);
    AVFrame frame = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    try {
      context.sample_fmt(AV_SAMPLE_FMT_FLTP);
      context.sample_rate(sound.sampleRate());
      av_channel_layout_default(context.ch_layout(), 2);
      context.bit_rate(BIT_RATE);
      context.profile(AV_PROFILE_AAC_LOW);
      context.time_base(av_make_q(1, sound.sampleRate()));
      check(avcodec_open2(context, codec, (AVDictionary) null), "open the AAC encoder");
      int frameSize = context.frame_size();
      byte[] config = new byte[context.extradata_size()];
      context.extradata().get(config);

      frame.format(AV_SAMPLE_FMT_FLTP);
      frame.sample_rate(sound.sampleRate());
      frame.nb_samples(frameSize);
      av_channel_layout_default(frame.ch_layout(), 2);
      check(av_frame_get_buffer(frame, 0), "allocate an audio frame");

      List<byte[]> out = new ArrayList<>();
      for (int at = 0; at < sound.frames(); at += frameSize) {
        check(av_frame_make_writable(frame), "reuse the audio frame");
        int count = Math.min(frameSize, sound.frames() - at);
        frame.nb_samples(count);
        new FloatPointer(frame.data(0)).put(sound.left(), at, count);
        new FloatPointer(frame.data(1)).put(sound.right(), at, count);
        frame.pts(at);
        check(avcodec_send_frame(context, frame), "encode audio");
        drain(context, packet, config, out);
      }
      check(avcodec_send_frame(context, null), "flush the AAC encoder");
      drain(context, packet, config, out);
      return new Aac(out, context.initial_padding(), sound.sampleRate());
    } finally {
      av_packet_free(packet);
      av_frame_free(frame);
      avcodec_free_context(context);
    }
  }

  private static void drain(
      AVCodecContext context, AVPacket packet, byte[] config, List<byte[]> out) {
    while (true) {
      int result = avcodec_receive_packet(context, packet);
      if (result == AVERROR_EAGAIN() || result == AVERROR_EOF) {
        return;
      }
      check(result, "read an AAC frame");
      byte[] frame = new byte[7 + packet.size()];
      adtsHeader(config, frame);
      packet.data().get(frame, 7, packet.size());
      out.add(frame);
      av_packet_unref(packet);
    }
  }

  /**
   * The 7-byte ADTS header (no CRC) of {@code frame}, from the encoder's AudioSpecificConfig, so
   * the object type, rate index and channel layout the muxer records are the encoder's own.
   */
  static void adtsHeader(byte[] audioSpecificConfig, byte[] frame) {
    int objectType = (audioSpecificConfig[0] & 0xFF) >> 3;
    int rateIndex = ((audioSpecificConfig[0] & 0x07) << 1) | ((audioSpecificConfig[1] & 0xFF) >> 7);
    int channels = ((audioSpecificConfig[1] & 0xFF) >> 3) & 0x0F;
    int length = frame.length;
    frame[0] = (byte) 0xFF;
    frame[1] = (byte) 0xF1; // MPEG-4, layer 0, no CRC
    frame[2] = (byte) (((objectType - 1) << 6) | (rateIndex << 2) | (channels >> 2));
    frame[3] = (byte) (((channels & 3) << 6) | (length >> 11));
    frame[4] = (byte) (length >> 3);
    frame[5] = (byte) (((length & 7) << 5) | 0x1F); // buffer fullness 0x7FF: variable rate
    frame[6] = (byte) 0xFC;
  }

  private static void check(int result, String what) {
    if (result < 0) {
      byte[] message = new byte[256];
      av_make_error_string(message, message.length, result);
      int end = 0;
      while (end < message.length && message[end] != 0) {
        end++;
      }
      throw new IllegalStateException("FFmpeg could not " + what + ": "
          + new String(message, 0, end, StandardCharsets.US_ASCII));
    }
  }
}
