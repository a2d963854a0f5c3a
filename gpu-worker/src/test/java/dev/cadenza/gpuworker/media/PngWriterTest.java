package dev.cadenza.gpuworker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The fast PNG writer: files any decoder reads back to exactly the same pixels. */
class PngWriterTest {

  @Test
  void decodesToTheSamePixels() throws IOException {
    BufferedImage image = noise(BufferedImage.TYPE_INT_RGB, 301, 257, 1);

    BufferedImage decoded = decode(PngWriter.rgb(image));

    assertThat(ImageInfo.read(PngWriter.rgb(image))).contains(new ImageInfo("png", 301, 257));
    assertSamePixels(decoded, image);
  }

  @Test
  void otherLayoutsAndViewsGiveTheirVisiblePixelsWithoutAlpha() throws IOException {
    BufferedImage bgr = noise(BufferedImage.TYPE_3BYTE_BGR, 64, 48, 2);
    BufferedImage argb = noise(BufferedImage.TYPE_INT_ARGB, 80, 80, 3);
    BufferedImage view = argb.getSubimage(10, 20, 50, 30);

    assertSamePixels(decode(PngWriter.rgb(bgr)), bgr);
    assertSamePixels(decode(PngWriter.rgb(argb)), argb);
    assertSamePixels(decode(PngWriter.rgb(view)), view);
  }

  @Test
  void sameImageSameBytes() {
    assertThat(PngWriter.rgb(noise(BufferedImage.TYPE_INT_RGB, 40, 30, 4)))
        .isEqualTo(PngWriter.rgb(noise(BufferedImage.TYPE_INT_RGB, 40, 30, 4)));
  }

  private static BufferedImage noise(int type, int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, type);
    Random random = new Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
    assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
    assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
    assertThat(actual.getColorModel().hasAlpha()).isFalse();
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        int want = expected.getRGB(x, y) & 0xFFFFFF;
        int got = actual.getRGB(x, y) & 0xFFFFFF;
        if (got != want) {
          throw new AssertionError("pixel (" + x + ", " + y + "): " + Integer.toHexString(got)
              + " instead of " + Integer.toHexString(want));
        }
      }
    }
  }
}
