package dev.cadenza.workflows.media;

import io.temporal.activity.ActivityInterface;

/**
 * GPU model steps, run on the GPU worker fleet. They are long-running and heartbeat with the
 * model's progress; cancelling the activity cancels the GPU job and frees its slot. Outputs are
 * staged under {@code staging/<generationId>/} and returned as claim checks.
 */
@ActivityInterface
public interface MediaActivities {

  /** A WAV rendering of the song. Metadata carries {@code durationSeconds}. */
  StagedFile generateAudio(AudioRequest request);

  /** A PNG cover for the song. */
  StagedFile generateCover(ImageRequest request);

  /** A PNG image from a prompt, staged as {@code image.png}. Metadata: width, height. */
  StagedFile generateImage(ImageRequest request);

  /**
   * A textured glTF 2.0 binary model ({@code model/gltf-binary}) of a staged picture, staged as
   * {@code model.glb}. Metadata: vertices, triangles.
   */
  StagedFile generateMesh(MeshRequest request);

  /**
   * An H.264 MP4 of the timeline at its size, frame rate and duration, and a PNG thumbnail,
   * staged as {@code video.mp4} and {@code thumbnail.png}; the sources travel to the GPU worker
   * with the job. Progress rises while the frames render; cancelling stops the render.
   */
  RenderedVideo renderVideo(RenderJob request);
}
