package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.workflows.song.SongInput;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@code song} input against API.md and fills its defaults. Exactly one mode:
 * {@code description}; {@code prompt} + {@code lyrics}; {@code prompt} + {@code
 * lyricsDescription}; or, for instrumentals, {@code prompt} alone.
 */
final class SongInputParser {
  static final int MAX_TEXT = 3000;
  private static final Set<String> FIELDS = Set.of(
      "description",
      "prompt",
      "lyrics",
      "lyricsDescription",
      "instrumental",
      "durationSeconds",
      "guidanceScale",
      "seed");
  private static final SecureRandom SEEDS = new SecureRandom();

  record Parsed(SongInput input, JsonNode normalized) {}

  static Parsed parse(JsonNode node) {
    InputReader in = new InputReader(node, "input", FIELDS);
    String description = in.text("description", MAX_TEXT);
    String prompt = in.text("prompt", MAX_TEXT);
    String lyrics = in.text("lyrics", MAX_TEXT);
    String lyricsDescription = in.text("lyricsDescription", MAX_TEXT);
    boolean instrumental = in.bool("instrumental", false);
    int duration = (int) in.integer("durationSeconds", 30, 10, 240);
    double guidance = in.number("guidanceScale", 7.5, 1, 20);
    long seed = in.integer("seed", SEEDS.nextInt(Integer.MAX_VALUE), 0, Long.MAX_VALUE);
    List<FieldProblem> problems = new ArrayList<>(in.problems());
    if (problems.isEmpty()) {
      checkMode(description, prompt, lyrics, lyricsDescription, instrumental, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    SongInput input = new SongInput(
        description, prompt, lyrics, lyricsDescription, instrumental, duration, guidance, seed);
    ObjectNode normalized = JsonNodeFactory.instance.objectNode();
    putIfSet(normalized, "description", description);
    putIfSet(normalized, "prompt", prompt);
    putIfSet(normalized, "lyrics", lyrics);
    putIfSet(normalized, "lyricsDescription", lyricsDescription);
    normalized.put("instrumental", instrumental);
    normalized.put("durationSeconds", duration);
    normalized.put("guidanceScale", guidance);
    normalized.put("seed", seed);
    return new Parsed(input, normalized);
  }

  private static void checkMode(
      String description,
      String prompt,
      String lyrics,
      String lyricsDescription,
      boolean instrumental,
      List<FieldProblem> problems) {
    if (description != null) {
      if (prompt != null || lyrics != null || lyricsDescription != null) {
        problems.add(new FieldProblem(
            "input",
            "give either description, or prompt with lyrics or lyricsDescription, not both"));
      }
      return;
    }
    if (prompt == null) {
      problems.add(new FieldProblem("input", "one of description or prompt is required"));
      return;
    }
    if (lyrics != null && lyricsDescription != null) {
      problems.add(new FieldProblem("input", "give lyrics or lyricsDescription, not both"));
    } else if (instrumental && (lyrics != null || lyricsDescription != null)) {
      problems.add(new FieldProblem("input.instrumental", "an instrumental song has no lyrics"));
    } else if (!instrumental && lyrics == null && lyricsDescription == null) {
      problems.add(new FieldProblem(
          "input", "with prompt, give lyrics or lyricsDescription (or instrumental: true)"));
    }
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private SongInputParser() {}
}
