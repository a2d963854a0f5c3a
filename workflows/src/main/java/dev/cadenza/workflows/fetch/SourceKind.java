package dev.cadenza.workflows.fetch;

/** What a fetched file must be; each kind has its own content types and size limit. */
public enum SourceKind {
  /** PNG or JPEG. */
  IMAGE,
  /** MP4. */
  VIDEO,
  /** WAV. */
  AUDIO
}
