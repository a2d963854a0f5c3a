package dev.cadenza.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one model job is asked to do, one record per model, so that each activity states its
 * model's input in types and the field names the runners read live in one place. On the wire it
 * is a protobuf {@code Struct} ({@link #fields()}, through {@link JobSpec}); null fields are left
 * out and the runner applies its default. Seeds travel as text: a JSON number would lose the low
 * bits of large seeds.
 */
sealed interface JobInput {

  /** The model that runs it: {@code text}, {@code audio}, {@code image}, {@code mesh}, ... */
  String model();

  /** The fields as sent, in a stable order. */
  Map<String, Object> fields();

  /**
   * An LLM task: {@code prompt} (a style prompt from {@code description}), {@code lyrics} (from
   * {@code lyricsDescription} and {@code prompt}), {@code title} or {@code categories} (of a
   * song from its description, prompt and lyrics).
   */
  record Text(
      String task,
      long seed,
      String description,
      String lyricsDescription,
      String prompt,
      String lyrics)
      implements JobInput {
    static Text prompt(long seed, String description) {
      return new Text("prompt", seed, description, null, null, null);
    }

    static Text lyrics(long seed, String lyricsDescription, String prompt) {
      return new Text("lyrics", seed, null, lyricsDescription, prompt, null);
    }

    /** A {@code title} or {@code categories} task about a song. */
    static Text about(String task, long seed, String description, String prompt, String lyrics) {
      return new Text(task, seed, description, null, prompt, lyrics);
    }

    @Override
    public String model() {
      return "text";
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("task", task);
      fields.put("seed", Long.toString(seed));
      fields.put("description", description);
      fields.put("lyricsDescription", lyricsDescription);
      fields.put("prompt", prompt);
      fields.put("lyrics", lyrics);
      return fields;
    }
  }

  /** A song's audio. */
  record Audio(String prompt, String lyrics, int durationSeconds, double guidanceScale, long seed)
      implements JobInput {
    @Override
    public String model() {
      return "audio";
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("prompt", prompt);
      fields.put("lyrics", lyrics);
      fields.put("durationSeconds", durationSeconds);
      fields.put("guidanceScale", guidanceScale);
      fields.put("seed", Long.toString(seed));
      return fields;
    }
  }

  /** A picture (an image generation's, or a song's cover). */
  record Image(String prompt, int width, int height, long seed) implements JobInput {
    @Override
    public String model() {
      return "image";
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("prompt", prompt);
      fields.put("width", width);
      fields.put("height", height);
      fields.put("seed", Long.toString(seed));
      return fields;
    }
  }

  /** A 3D model lifted from the picture sent as the input file named {@code image}. */
  record Mesh(String image, String style, long seed) implements JobInput {
    @Override
    public String model() {
      return "mesh";
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("image", image);
      fields.put("style", style);
      fields.put("seed", Long.toString(seed));
      return fields;
    }
  }

  /** A render of {@code timeline}, as {@link TimelineInput} lays it out for the video model. */
  record Video(Map<String, Object> timeline) implements JobInput {
    @Override
    public String model() {
      return "video";
    }

    @Override
    public Map<String, Object> fields() {
      return timeline;
    }
  }
}
