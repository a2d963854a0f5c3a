package dev.cadenza.workflows.imageto3d;

import dev.cadenza.workflows.media.StagedFile;

/**
 * What the user asked for: exactly one picture source, {@code imageUrl} (their picture), {@code
 * prompt} (an image is generated first) or {@code imageFrom} (the stored image of an earlier
 * generation of theirs). {@code style} is a free-form hint, may be null.
 *
 * @param imageFrom the parent generation's stored image as a claim check (its storage key, size
 *     and sha256, never its bytes): the mesh step reads it from storage and the store step copies
 *     it, server-side, under this generation's key; null otherwise (and in histories recorded
 *     before it existed)
 */
public record ImageTo3dInput(
    String imageUrl, String prompt, String style, long seed, StagedFile imageFrom) {

  /** The pixels of the picture generated from a prompt. */
  public static final int IMAGE_SIZE = 768;

  /** From a URL or a prompt. */
  public ImageTo3dInput(String imageUrl, String prompt, String style, long seed) {
    this(imageUrl, prompt, style, seed, null);
  }
}
