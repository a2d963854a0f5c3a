package dev.cadenza.gpuworker.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;
import org.jcodec.containers.mp4.boxes.VideoSampleEntry;
import org.jcodec.containers.mp4.demuxer.AbstractMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

/**
 * How a source clip's Y'CbCr samples map to RGB, as its H.264 stream declares (VUI matrix and
 * range), with the defaults players use when it declares nothing: limited range, BT.601. jcodec's
 * own converter always assumes full-range BT.601, which washes out ordinary camera footage and
 * this model's own (limited-range BT.709) renders used as sources.
 */
record SourceColours(double kr, double kb, boolean fullRange) {

  private static final SourceColours UNDECLARED = new SourceColours(0.299, 0.114, false);

  /** The colour encoding of the first video track of {@code mp4}. */
  static SourceColours of(byte[] mp4) {
    try {
      MP4Demuxer demuxer = MP4Demuxer.createMP4Demuxer(
          ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)));
      VideoSampleEntry entry = (VideoSampleEntry)
          ((AbstractMP4DemuxerTrack) demuxer.getVideoTracks().get(0)).getSampleEntries()[0];
      VUIParameters vui = SeqParameterSet.read(
              H264Utils.parseAVCC(entry).getSpsList().get(0).duplicate())
          .vuiParams;
      if (vui == null || !vui.videoSignalTypePresentFlag) {
        return UNDECLARED;
      }
      boolean bt709 = vui.colourDescriptionPresentFlag && vui.matrixCoefficients == 1;
      return bt709
          ? new SourceColours(0.2126, 0.0722, vui.videoFullRangeFlag)
          : new SourceColours(UNDECLARED.kr, UNDECLARED.kb, vui.videoFullRangeFlag);
    } catch (IOException | RuntimeException e) {
      // Whatever cannot be read here is reported by the decoder, with its own message.
      return UNDECLARED;
    }
  }

  /** The visible part of a decoded 4:2:0 picture (jcodec's signed samples) as RGB. */
  BufferedImage toImage(Picture picture) {
    Rect crop = picture.getCrop();
    int left = crop == null ? 0 : crop.getX();
    int top = crop == null ? 0 : crop.getY();
    int width = picture.getCroppedWidth();
    int height = picture.getCroppedHeight();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    byte[] luma = picture.getPlaneData(0);
    byte[] cb = picture.getPlaneData(1);
    byte[] cr = picture.getPlaneData(2);
    int lumaStride = picture.getPlaneWidth(0);
    int chromaStride = picture.getPlaneWidth(1);
    double lumaScale = fullRange ? 1 / 255.0 : 1 / 219.0;
    double lumaOffset = fullRange ? 0 : 16;
    double chromaScale = fullRange ? 1 / 255.0 : 1 / 224.0;
    double kg = 1 - kr - kb;
    for (int y = 0; y < height; y++) {
      int row = (top + y) * lumaStride + left;
      int chromaRow = ((top + y) >> 1) * chromaStride;
      for (int x = 0; x < width; x++) {
        double yy = ((luma[row + x] + 128) - lumaOffset) * lumaScale;
        int chroma = chromaRow + ((left + x) >> 1);
        double pb = cb[chroma] * chromaScale; // signed samples are already centred on 0
        double pr = cr[chroma] * chromaScale;
        double r = yy + 2 * (1 - kr) * pr;
        double b = yy + 2 * (1 - kb) * pb;
        double g = (yy - kr * r - kb * b) / kg;
        rgb[y * width + x] = channel(r) << 16 | channel(g) << 8 | channel(b);
      }
    }
    return image;
  }

  private static int channel(double value) {
    return (int) Math.round(Math.clamp(value, 0, 1) * 255);
  }
}
