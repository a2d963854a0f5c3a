/**
 * Object storage behind a port: {@link dev.cadenza.storage.ObjectStorage} holds media files by key
 * so that workflows pass keys, never bytes (claim check); GPU outputs are written under a staging
 * prefix, promoted to their final keys by copy, and the staging prefix is deleted on success or
 * compensation. Two adapters implement it with identical key rules and behaviour: {@link
 * dev.cadenza.storage.LocalObjectStorage} (a directory, the embedded default, whose time-limited
 * download URLs point at the API and are checked with {@link dev.cadenza.storage.UrlSigner}) and
 * {@link dev.cadenza.storage.S3ObjectStorage} (any S3-compatible service, with presigned URLs).
 * {@link dev.cadenza.storage.StorageConfiguration} picks one from {@code app.storage.*}.
 */
package dev.cadenza.storage;
