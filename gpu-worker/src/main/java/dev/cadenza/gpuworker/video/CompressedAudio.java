package dev.cadenza.gpuworker.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBL;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBLP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.cadenza.gpuworker.media.MediaFacts;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes compressed sound (MP3, the {@code audio/mpeg} uploads) with FFmpeg, the library the
 * render already encodes with, into the same stereo floats as {@link PcmAudio}. A render lasts at
 * most a minute, so at most {@link #MAX_SECONDS} of the file are decoded: a long song costs no
 * more memory than its first ten minutes.
 */
final class CompressedAudio {

  static final int MAX_SECONDS = 600;

  private CompressedAudio() {}

  static PcmAudio decode(byte[] bytes, String what) {
    Path file;
    try {
      // FFmpeg's demuxers read files; a temporary one keeps this free of custom AVIO callbacks.
      file = Files.createTempFile("cadenza-audio-", ".src");
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return decode(file, what, bytes);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is removed with the temporary directory
      }
    }
  }

  private static PcmAudio decode(Path file, String what, byte[] bytes) {
    AVFormatContext format = new AVFormatContext(null);
    if (avformat_open_input(format, file.toString(), null, null) < 0) {
      throw invalid(what, bytes);
    }
    AVCodecContext codec = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      if (avformat_find_stream_info(format, (PointerPointer<?>) null) < 0) {
        throw invalid(what, bytes);
      }
      int index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
      if (index < 0) {
        throw invalid(what, bytes);
      }
      AVCodec decoder = avcodec_find_decoder(format.streams(index).codecpar().codec_id());
      if (decoder == null) {
        throw invalid(what, bytes);
      }
      codec = avcodec_alloc_context3(decoder);
      if (avcodec_parameters_to_context(codec, format.streams(index).codecpar()) < 0
          || avcodec_open2(codec, decoder, (AVDictionary) null) < 0) {
        throw invalid(what, bytes);
      }
      Samples samples = new Samples();
      while (!samples.full() && av_read_frame(format, packet) >= 0) {
        try {
          if (packet.stream_index() == index && avcodec_send_packet(codec, packet) >= 0) {
            drain(codec, frame, samples);
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      avcodec_send_packet(codec, null); // flush what the decoder still holds
      drain(codec, frame, samples);
      if (samples.frames == 0 || samples.rate <= 0) {
        throw invalid(what, bytes);
      }
      return samples.audio();
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      if (codec != null) {
        avcodec_free_context(codec);
      }
      avformat_close_input(format);
    }
  }

  private static void drain(AVCodecContext codec, AVFrame frame, Samples samples) {
    while (true) {
      int result = avcodec_receive_frame(codec, frame);
      if (result == AVERROR_EAGAIN() || result == AVERROR_EOF || result < 0) {
        return;
      }
      try {
        samples.add(frame);
      } finally {
        av_frame_unref(frame);
      }
    }
  }

  private static ModelFailureException invalid(String what, byte[] bytes) {
    return ModelFailureException.invalidInput(
        what + " cannot be decoded as audio (it looks like " + MediaFacts.sniff(bytes) + ")");
  }

  /** Decoded frames gathered as stereo floats, whatever sample format the decoder gives. */
  private static final class Samples {
    private float[] left = new float[1 << 16];
    private float[] right = new float[1 << 16];
    private int frames;
    private int rate;

    boolean full() {
      return rate > 0 && frames >= (long) rate * MAX_SECONDS;
    }

    void add(AVFrame frame) {
      int channels = frame.ch_layout().nb_channels();
      int count = frame.nb_samples();
      if (channels <= 0 || count <= 0 || full()) {
        return;
      }
      if (rate == 0) {
        rate = frame.sample_rate();
      }
      ensure(frames + count);
      int sampleFormat = frame.format();
      boolean planar = sampleFormat == AV_SAMPLE_FMT_FLTP
          || sampleFormat == AV_SAMPLE_FMT_S16P
          || sampleFormat == AV_SAMPLE_FMT_S32P
          || sampleFormat == AV_SAMPLE_FMT_DBLP;
      int width = bytesPerSample(sampleFormat);
      // Planar formats keep one plane per channel, packed ones interleave them in plane 0.
      ByteBuffer first = plane(frame, 0, (long) count * width * (planar ? 1 : channels));
      ByteBuffer second = planar && channels > 1 ? plane(frame, 1, (long) count * width) : first;
      for (int i = 0; i < count; i++) {
        int leftAt = (planar ? i : i * channels) * width;
        left[frames + i] = read(first, sampleFormat, leftAt);
        right[frames + i] = channels > 1
            ? read(second, sampleFormat, planar ? i * width : leftAt + width)
            : left[frames + i];
      }
      frames += count;
    }

    PcmAudio audio() {
      return new PcmAudio(rate, Arrays.copyOf(left, frames), Arrays.copyOf(right, frames));
    }

    private void ensure(int size) {
      if (size > left.length) {
        int grown = Math.max(size, left.length * 2);
        left = Arrays.copyOf(left, grown);
        right = Arrays.copyOf(right, grown);
      }
    }

    private static ByteBuffer plane(AVFrame frame, int plane, long bytes) {
      return frame
          .extended_data(plane)
          .capacity(bytes)
          .asByteBuffer()
          .order(ByteOrder.nativeOrder());
    }

    private static float read(ByteBuffer data, int format, int offset) {
      if (format == AV_SAMPLE_FMT_FLTP || format == AV_SAMPLE_FMT_FLT) {
        return data.getFloat(offset);
      }
      if (format == AV_SAMPLE_FMT_S16P || format == AV_SAMPLE_FMT_S16) {
        return data.getShort(offset) / 32768f;
      }
      if (format == AV_SAMPLE_FMT_S32P || format == AV_SAMPLE_FMT_S32) {
        return data.getInt(offset) / 2147483648f;
      }
      return (float) data.getDouble(offset);
    }

    private static int bytesPerSample(int format) {
      if (format == AV_SAMPLE_FMT_S16 || format == AV_SAMPLE_FMT_S16P) {
        return 2;
      }
      if (format == AV_SAMPLE_FMT_DBL || format == AV_SAMPLE_FMT_DBLP) {
        return 8;
      }
      if (format == AV_SAMPLE_FMT_FLT
          || format == AV_SAMPLE_FMT_FLTP
          || format == AV_SAMPLE_FMT_S32
          || format == AV_SAMPLE_FMT_S32P) {
        return 4;
      }
      throw ModelFailureException.invalidInput("audio in sample format " + format + " is not read");
    }
  }
}
