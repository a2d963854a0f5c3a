package dev.cadenza.api.generation.input;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.cadenza.api.generation.input.RenderInput.Clip;
import dev.cadenza.api.generation.input.RenderInput.Timeline;
import dev.cadenza.api.generation.input.RenderInput.Track;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules of a {@link Timeline} that span its fields: even sides and at most 1920 x 1080 pixels;
 * at most 200 clips and 16 different sources in all; each clip starts before the timeline ends and
 * takes the fields its track type uses (see {@link Clip}). Each problem names its field ({@code
 * tracks[1].clips[0].text}) or object ({@code tracks[1].clips[0]}).
 */
@Constraint(validatedBy = TimelineRules.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface TimelineRules {
  String message() default "breaks the timeline's rules";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The clip fields each track type takes. */
  Map<String, Set<String>> CLIP_FIELDS = Map.of(
      "text", Set.of("text", "color"),
      "image", Set.of("sourceUrl", "uploadId"),
      "audio", Set.of("sourceUrl", "uploadId"),
      "video", Set.of("sourceUrl", "uploadId", "color"));

  /** Checks {@link TimelineRules}. */
  class Validator implements ConstraintValidator<TimelineRules, Timeline> {
    @Override
    public boolean isValid(Timeline timeline, ConstraintValidatorContext context) {
      if (timeline == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      Report report = new Report(context);
      frame(timeline, report);
      int clips = 0;
      Set<String> sources = new HashSet<>();
      List<Track> tracks = timeline.trackList();
      for (int t = 0; t < tracks.size(); t++) {
        Track track = tracks.get(t);
        if (track == null || track.type() == null || !CLIP_FIELDS.containsKey(track.type())) {
          continue; // reported on the track
        }
        List<Clip> trackClips = track.clipList();
        clips += trackClips.size();
        for (int c = 0; c < trackClips.size(); c++) {
          Clip clip = trackClips.get(c);
          if (clip != null) {
            clip(timeline, track.type(), clip, t, c, report);
            if (clip.sourceUrl() != null) {
              sources.add("url " + clip.sourceUrl());
            }
            if (clip.uploadId() != null && CLIP_FIELDS.get(track.type()).contains("uploadId")) {
              // Keyed apart from URLs: an upload is a source of its own, however many clips use it.
              sources.add("upload " + clip.uploadId());
            }
          }
        }
      }
      if (clips > Timeline.MAX_CLIPS) {
        report.field("must have at most " + Timeline.MAX_CLIPS + " clips in all", "tracks");
      }
      if (sources.size() > Timeline.MAX_SOURCES) {
        report.field(
            "must use at most " + Timeline.MAX_SOURCES
                + " different sources (sourceUrls and uploadIds)",
            "tracks");
      }
      return report.clean;
    }

    private static void frame(Timeline timeline, Report report) {
      Long width = whole(timeline.width(), Timeline.MIN_SIDE, Timeline.MAX_SIDE);
      Long height = whole(timeline.height(), Timeline.MIN_SIDE, Timeline.MAX_SIDE);
      if (width != null && width % 2 != 0) {
        report.field("must be even", "width");
      }
      if (height != null && height % 2 != 0) {
        report.field("must be even", "height");
      }
      if (width != null && height != null && width * height > Timeline.MAX_PIXELS) {
        report.object("width and height must be at most 1920 x 1080 pixels together");
      }
    }

    private static void clip(
        Timeline timeline, String type, Clip clip, int t, int c, Report report) {
      BigDecimal end = timeline.durationSeconds();
      if (end != null
          && end.signum() > 0
          && clip.start() != null
          && clip.start().compareTo(end) >= 0) {
        report.clip("must be before the end of the timeline", t, c, "start");
      }
      Set<String> used = CLIP_FIELDS.get(type);
      Map<String, Object> given = new java.util.LinkedHashMap<>();
      given.put("text", clip.text());
      given.put("sourceUrl", clip.sourceUrl());
      given.put("uploadId", clip.uploadId());
      given.put("color", clip.color());
      given.forEach((field, value) -> {
        if (value != null && !used.contains(field)) {
          report.clip("is not used by a " + type + " clip", t, c, field);
        }
      });
      switch (type) {
        case "text" -> {
          if (clip.text() == null) {
            report.clip("is required", t, c, "text");
          }
        }
        case "image", "audio" -> {
          if ((clip.sourceUrl() == null) == (clip.uploadId() == null)) {
            report.clip(
                "an image or audio clip needs exactly one of sourceUrl or uploadId", t, c, null);
          }
        }
        default -> {
          if (Stream.of(clip.color(), clip.sourceUrl(), clip.uploadId())
                  .filter(v -> v != null)
                  .count()
              != 1) {
            report.clip(
                "a video clip needs exactly one of color, sourceUrl or uploadId", t, c, null);
          }
        }
      }
    }

    /** The value when it is a whole number in range (else reported on its field); null if not. */
    private static Long whole(BigDecimal value, long min, long max) {
      if (value == null
          || value.stripTrailingZeros().scale() > 0
          || value.compareTo(BigDecimal.valueOf(min)) < 0
          || value.compareTo(BigDecimal.valueOf(max)) > 0) {
        return null;
      }
      return value.longValueExact();
    }
  }

  /** Adds violations at paths below the timeline. */
  final class Report {
    private final ConstraintValidatorContext context;
    private boolean clean = true;

    Report(ConstraintValidatorContext context) {
      this.context = context;
    }

    void object(String message) {
      clean = false;
      context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
    }

    void field(String message, String field) {
      clean = false;
      context
          .buildConstraintViolationWithTemplate(message)
          .addPropertyNode(field)
          .addConstraintViolation();
    }

    /** At {@code tracks[t].clips[c].field}, or at the clip itself when {@code field} is null. */
    void clip(String message, int t, int c, String field) {
      clean = false;
      var clips = context
          .buildConstraintViolationWithTemplate(message)
          .addPropertyNode("tracks")
          .addPropertyNode("clips")
          .inIterable()
          .atIndex(t);
      if (field == null) {
        clips.addBeanNode().inIterable().atIndex(c).addConstraintViolation();
      } else {
        clips.addPropertyNode(field).inIterable().atIndex(c).addConstraintViolation();
      }
    }
  }
}
