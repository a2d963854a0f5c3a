package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.gpuworker.audio.WavWriter;
import dev.cadenza.gpuworker.media.MediaFacts;
import dev.cadenza.gpuworker.media.WavInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts about output files from model servers, and recognising files that are not. */
class MediaFactsTest {

  @Test
  void wavFactsFromTheBuiltInWriter() {
    byte[] wav = WavWriter.pcm16Mono(new float[22050 * 3], 22050);

    assertThat(MediaFacts.of("audio/wav", wav))
        .hasValueSatisfying(facts -> assertThat(facts)
            .containsEntry("durationSeconds", "3")
            .containsEntry("sampleRate", "22050")
            .containsEntry("channels", "1"));
  }

  @Test
  void wavWithExtraChunksAndStereoFloat() {
    // 32-bit float stereo at 48 kHz, a LIST chunk before the data: 0.25 s.
    int frames = 12000;
    ByteBuffer wav =
        ByteBuffer.allocate(12 + 8 + 16 + 8 + 4 + 8 + frames * 8).order(ByteOrder.LITTLE_ENDIAN);
    wav.put(ascii("RIFF")).putInt(wav.capacity() - 8).put(ascii("WAVE"));
    wav.put(ascii("fmt "))
        .putInt(16)
        .putShort((short) 3)
        .putShort((short) 2)
        .putInt(48000)
        .putInt(48000 * 8)
        .putShort((short) 8)
        .putShort((short) 32);
    wav.put(ascii("LIST")).putInt(4).put(ascii("INFO"));
    wav.put(ascii("data")).putInt(frames * 8);

    WavInfo info = WavInfo.parse(wav.array()).orElseThrow();

    assertThat(info.channels()).isEqualTo(2);
    assertThat(info.formattedDuration()).isEqualTo("0.250");
  }

  @Test
  void pngSizeAndMismatchedTypes() throws IOException {
    byte[] png = CogPredictionRunnerTest.png(320, 200);

    assertThat(MediaFacts.of("image/png", png))
        .hasValueSatisfying(facts ->
            assertThat(facts).containsEntry("width", "320").containsEntry("height", "200"));
    assertThat(MediaFacts.of("image/jpeg", png)).isEmpty();
    assertThat(MediaFacts.of("audio/wav", png)).isEmpty();
    assertThat(MediaFacts.sniff(png)).isEqualTo("a PNG image");
    assertThat(MediaFacts.sniff(ascii("ID3\u0004rest"))).isEqualTo("MP3 audio");
    assertThat(MediaFacts.of("model/gltf-binary", ascii("glTF"))).hasValue(Map.of());
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
