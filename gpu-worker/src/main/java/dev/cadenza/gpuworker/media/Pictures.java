package dev.cadenza.gpuworker.media;

import dev.cadenza.gpuworker.runner.ModelFailureException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import javax.imageio.ImageIO;

/** Decoding, scaling and PNG encoding of the images that models read and write. */
public final class Pictures {

  /** Decoding larger images could exhaust the heap (a small PNG can claim huge dimensions). */
  public static final long MAX_PIXELS = 40_000_000L;

  private static final Set<String> READABLE = Set.of("png", "jpeg", "gif", "bmp", "webp");

  private Pictures() {}

  /**
   * Decodes a PNG, JPEG, GIF, BMP or WebP (an upload may be one; TwelveMonkeys reads it) image,
   * checking its header first.
   *
   * @throws ModelFailureException {@code INVALID_INPUT} naming {@code what} when the bytes are
   *     not such an image or it has more than {@link #MAX_PIXELS} pixels
   */
  public static BufferedImage decode(byte[] bytes, String what) {
    ImageInfo info = ImageInfo.read(bytes)
        .filter(i -> READABLE.contains(i.format()))
        .orElseThrow(() -> ModelFailureException.invalidInput(what
            + " is not a PNG, JPEG or WebP image (it looks like " + MediaFacts.sniff(bytes) + ")"));
    if ((long) info.width() * info.height() > MAX_PIXELS) {
      throw ModelFailureException.invalidInput(what + " is too large: " + info.width() + "x"
          + info.height() + " pixels (at most " + MAX_PIXELS + ")");
    }
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw ModelFailureException.invalidInput(what + " cannot be decoded");
      }
      return image;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelFailureException failure) {
        throw failure;
      }
      throw ModelFailureException.invalidInput(what + " cannot be decoded: " + e.getMessage());
    }
  }

  /** {@code image} scaled (bilinear) to exactly {@code width} x {@code height}, as RGB. */
  public static BufferedImage scaled(BufferedImage image, int width, int height) {
    BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return scaled;
  }

  /** {@code image} shrunk so that neither side exceeds {@code maxSide} (never enlarged). */
  public static BufferedImage fitWithin(BufferedImage image, int maxSide) {
    int w = image.getWidth();
    int h = image.getHeight();
    double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
    return scaled(
        image, Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
  }

  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
