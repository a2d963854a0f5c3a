package dev.cadenza.upload;

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
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Probes sound and video with FFmpeg (the render runner's library): the container must be the
 * declared one, hold a stream of the declared kind, and a frame of it must decode. A header alone
 * is not enough: a truncated or forged file fails here, not in the GPU job that reads it later.
 */
final class MediaProbe {

  /** Packets read in search of one decodable frame before giving up. */
  private static final int MAX_PACKETS = 500;

  /** What FFmpeg names the demuxers that may read each declared type. */
  private static final Map<String, Set<String>> DEMUXERS = Map.of(
      "audio/wav", Set.of("wav"),
      "audio/mpeg", Set.of("mp3"),
      "video/mp4", Set.of("mov", "mp4", "m4a", "3gp", "3g2", "mj2"));

  private MediaProbe() {}

  /** The file's facts ({@code durationSeconds}, and a video's size), or empty if it is not one. */
  static Optional<Map<String, String>> probe(String contentType, Path file) {
    Set<String> demuxers = DEMUXERS.get(contentType);
    if (demuxers == null) {
      return Optional.empty();
    }
    int kind = contentType.startsWith("video/") ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO;
    AVFormatContext format = new AVFormatContext(null);
    if (avformat_open_input(format, file.toString(), (AVInputFormat) null, null) < 0) {
      return Optional.empty();
    }
    try {
      if (avformat_find_stream_info(format, (PointerPointer<?>) null) < 0
          || !demuxerMatches(format.iformat(), demuxers)) {
        return Optional.empty();
      }
      int index = av_find_best_stream(format, kind, -1, -1, (AVCodec) null, 0);
      if (index < 0 || !decodesAFrame(format, format.streams(index))) {
        return Optional.empty();
      }
      Map<String, String> facts = new LinkedHashMap<>();
      if (format.duration() > 0) {
        facts.put(
            "durationSeconds", String.format(Locale.ROOT, "%.3f", format.duration() / 1_000_000.0));
      }
      if (kind == AVMEDIA_TYPE_VIDEO) {
        facts.put("width", Integer.toString(format.streams(index).codecpar().width()));
        facts.put("height", Integer.toString(format.streams(index).codecpar().height()));
      }
      return Optional.of(facts);
    } finally {
      avformat_close_input(format);
    }
  }

  private static boolean demuxerMatches(AVInputFormat input, Set<String> demuxers) {
    if (input == null || input.name() == null) {
      return false;
    }
    // FFmpeg names a demuxer by all the formats it reads: "mov,mp4,m4a,3gp,3g2,mj2".
    for (String name : input.name().getString().split(",")) {
      if (demuxers.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean decodesAFrame(AVFormatContext format, AVStream stream) {
    AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
    if (codec == null) {
      return false;
    }
    AVCodecContext decoder = avcodec_alloc_context3(codec);
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      if (avcodec_parameters_to_context(decoder, stream.codecpar()) < 0
          || avcodec_open2(decoder, codec, (PointerPointer<?>) null) < 0) {
        return false;
      }
      for (int read = 0; read < MAX_PACKETS && av_read_frame(format, packet) >= 0; read++) {
        try {
          if (packet.stream_index() != stream.index()) {
            continue;
          }
          if (avcodec_send_packet(decoder, packet) < 0) {
            return false;
          }
          int received = avcodec_receive_frame(decoder, frame);
          if (received >= 0) {
            return true;
          }
          if (received != AVERROR_EAGAIN()) {
            return false;
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      // Flush: a decoder with delay may hold its first frame until the input ends.
      avcodec_send_packet(decoder, null);
      return avcodec_receive_frame(decoder, frame) >= 0;
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      avcodec_free_context(decoder);
    }
  }
}
