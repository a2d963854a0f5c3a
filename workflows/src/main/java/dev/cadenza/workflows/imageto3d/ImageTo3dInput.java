package dev.cadenza.workflows.imageto3d;

import dev.cadenza.workflows.media.StagedFile;

/**
 * What the user asked for: exactly one picture source, {@code imageUrl} (their picture, fetched),
 * {@code upload} (their picture, already in storage: an upload the API checked and resolved),
 * {@code imageFrom} (the stored image of an earlier generation of theirs) or {@code prompt} (an
 * image is generated first). {@code style} is a free-form hint, may be null.
 *
 * @param imageFrom the parent generation's stored image as a claim check (its storage key, size
 *     and sha256, never its bytes): the mesh step reads it from storage and the store step copies
 *     it, server-side, under this generation's key; null otherwise (and in histories recorded
 *     before it existed)
 * @param upload the user's checked upload, a claim check as {@code imageFrom}; null otherwise
 */
public record ImageTo3dInput(
    String imageUrl,
    String prompt,
    String style,
    long seed,
    StagedFile imageFrom,
    StagedFile upload) {

  /** Without a stored picture (histories recorded before them have none). */
  public ImageTo3dInput(String imageUrl, String prompt, String style, long seed) {
    this(imageUrl, prompt, style, seed, null, null);
  }

  /** The pixels of the picture generated from a prompt. */
  public static final int IMAGE_SIZE = 768;
}
