package dev.cadenza.gpuworker.video;

import dev.cadenza.gpuworker.runner.ModelFailureException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.api.PictureWithMetadata;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Picture;

/**
 * An MP4 (H.264) source clip, decoded forward as the render advances: asking for a later time
 * decodes up to it, an earlier time starts again from the beginning, past the end the last frame
 * stays. Decoded with jcodec, so the profiles it reads (Baseline and Main) work; colours are
 * converted as the stream declares them (see {@link SourceColours}).
 */
final class VideoSource {

  private final byte[] bytes;
  private final String what;
  private final SourceColours colours;
  private FrameGrab grab;
  private Picture picture;
  private BufferedImage converted;
  private double pictureTime = Double.NaN;
  private double nextTime;
  private boolean ended;

  VideoSource(byte[] bytes, String what) {
    this.bytes = bytes;
    this.what = what;
    open();
    this.colours = SourceColours.of(bytes);
  }

  /** The frame showing at {@code seconds} into the source, or null if it has none. */
  BufferedImage frameAt(double seconds) {
    if (seconds < pictureTime) {
      open();
    }
    try {
      while (!ended && (picture == null || nextTime <= seconds)) {
        PictureWithMetadata next = grab.getNativeFrameWithMetadata();
        if (next == null || next.getPicture() == null) {
          ended = true;
          break;
        }
        picture = next.getPicture();
        converted = null;
        pictureTime = next.getTimestamp();
        nextTime = next.getTimestamp() + Math.max(next.getDuration(), 1e-6);
      }
    } catch (IOException | RuntimeException e) {
      throw ModelFailureException.invalidInput(what + " cannot be decoded: " + e);
    }
    if (picture == null) {
      return null;
    }
    if (converted == null) {
      converted = colours.toImage(picture);
    }
    return converted;
  }

  private void open() {
    try {
      grab = FrameGrab.createFrameGrab(
          ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(bytes)));
    } catch (IOException | JCodecException | RuntimeException e) {
      throw ModelFailureException.invalidInput(
          what + " is not an MP4 video with an H.264 track that can be decoded: " + e);
    }
    picture = null;
    converted = null;
    pictureTime = Double.NaN;
    nextTime = 0;
    ended = false;
  }
}
