package dev.cadenza.workflows.imageto3d;

/**
 * What the user asked for: exactly one of {@code imageUrl} (their picture) or {@code prompt} (an
 * image is generated first). {@code style} is a free-form hint, may be null.
 */
public record ImageTo3dInput(String imageUrl, String prompt, String style, long seed) {

  /** The pixels of the picture generated from a prompt. */
  public static final int IMAGE_SIZE = 768;
}
