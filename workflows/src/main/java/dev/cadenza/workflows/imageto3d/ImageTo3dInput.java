package dev.cadenza.workflows.imageto3d;

import dev.cadenza.workflows.media.StagedFile;

/**
 * What the user asked for: exactly one of {@code imageUrl} (their picture, fetched), {@code
 * upload} (their picture, already in storage: an upload the API checked and resolved) or {@code
 * prompt} (an image is generated first). {@code style} is a free-form hint, may be null.
 */
public record ImageTo3dInput(
    String imageUrl, String prompt, String style, long seed, StagedFile upload) {

  /** Without an upload (histories recorded before uploads existed have none). */
  public ImageTo3dInput(String imageUrl, String prompt, String style, long seed) {
    this(imageUrl, prompt, style, seed, null);
  }

  /** The pixels of the picture generated from a prompt. */
  public static final int IMAGE_SIZE = 768;
}
