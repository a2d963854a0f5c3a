package dev.cadenza.gpuworker.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.jcodec.common.model.Picture;

/**
 * RGB to Y'CbCr as BT.709 in limited ("studio", 16..235 / 16..240) range, the colour encoding the
 * rendered H.264 stream declares in its VUI and 'colr' box. Browsers and ffmpeg honour that pair
 * most reliably; jcodec's own converter writes full-range BT.601 that the stream cannot declare
 * in a way every player follows, so untagged players showed colours too dark.
 */
final class Bt709 {

  private static final double KR = 0.2126;
  private static final double KB = 0.0722;
  private static final double KG = 1 - KR - KB;

  private Bt709() {}

  /**
   * Fills {@code picture} (4:2:0, jcodec's signed samples: value - 128) from {@code image} (even
   * width and height, {@link BufferedImage#TYPE_3BYTE_BGR}). Chroma is taken from the average of
   * each 2x2 block.
   */
  static void toPicture(BufferedImage image, Picture picture) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] luma = picture.getPlaneData(0);
    byte[] cb = picture.getPlaneData(1);
    byte[] cr = picture.getPlaneData(2);
    int lumaStride = picture.getPlaneWidth(0);
    int chromaStride = picture.getPlaneWidth(1);
    for (int y = 0; y < height; y += 2) {
      for (int x = 0; x < width; x += 2) {
        double r = 0;
        double g = 0;
        double b = 0;
        for (int dy = 0; dy < 2; dy++) {
          for (int dx = 0; dx < 2; dx++) {
            int at = ((y + dy) * width + x + dx) * 3;
            double pb = (bgr[at] & 0xFF) / 255.0;
            double pg = (bgr[at + 1] & 0xFF) / 255.0;
            double pr = (bgr[at + 2] & 0xFF) / 255.0;
            luma[(y + dy) * lumaStride + x + dx] = sample(16 + 219 * (KR * pr + KG * pg + KB * pb));
            r += pr;
            g += pg;
            b += pb;
          }
        }
        r /= 4;
        g /= 4;
        b /= 4;
        double yy = KR * r + KG * g + KB * b;
        int chroma = (y >> 1) * chromaStride + (x >> 1);
        cb[chroma] = sample(128 + 224 * (b - yy) / (2 * (1 - KB)));
        cr[chroma] = sample(128 + 224 * (r - yy) / (2 * (1 - KR)));
      }
    }
  }

  private static byte sample(double value) {
    return (byte) (Math.round(value) - 128);
  }
}
