package dev.cadenza.gpuworker.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.gpuworker.remote.ModelHttp;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an LLM's answer into the result format of the built-in {@link TextRunner}: chat models
 * wrap answers in code fences, quotes, labels ("Title: ...") or thinking blocks however they
 * are told. An answer with nothing usable left is a retryable {@code MODEL_ERROR} (sampling
 * again may well do better).
 */
final class ChatAnswers {

  static final int MAX_TITLE_WORDS = 8;
  static final int MAX_CATEGORIES = 4;
  private static final int MAX_CATEGORY_CHARS = 30;
  private static final int MAX_PROMPT_CHARS = 500;

  private static final Pattern THINKING =
      Pattern.compile("(?is)<think(?:ing)?>.*?(?:</think(?:ing)?>|\\z)");
  private static final Pattern FENCE = Pattern.compile("(?s)```[\\w-]*[ \\t]*\\n?(.*?)(?:```|\\z)");
  private static final Pattern LABEL = Pattern.compile(
      "(?i)^(?:song\\s+)?(?:title|style(?:\\s+prompt)?|prompt|tags|categories)\\s*:\\s*");
  private static final String QUOTES = "\"'`“”‘’«»*_";

  private ChatAnswers() {}

  /** The result text of {@code task} from the model's answer {@code content}. */
  static String parse(String task, String content) {
    String answer = unwrap(content);
    String result = switch (task) {
      case "prompt" -> prompt(answer);
      case "lyrics" -> answer;
      case "title" -> title(answer);
      case "categories" -> categories(answer);
      default -> throw new IllegalArgumentException("unknown task " + task);
    };
    if (result.isBlank()) {
      throw new ModelFailureException(
          ModelFailureException.MODEL_ERROR,
          "the model's answer had no usable " + task + ": \"" + ModelHttp.shorten(content) + "\"",
          true);
    }
    return result;
  }

  /** Without thinking blocks and code fences, trimmed. */
  static String unwrap(String content) {
    String text = THINKING.matcher(content == null ? "" : content).replaceAll("");
    Matcher fence = FENCE.matcher(text);
    if (fence.find()) {
      text = fence.group(1);
    }
    return text.strip();
  }

  private static String prompt(String answer) {
    String line = stripQuotes(LABEL.matcher(firstLine(answer)).replaceFirst(""));
    line = line.replaceAll("\\s+", " ");
    return line.length() <= MAX_PROMPT_CHARS
        ? line
        : line.substring(0, MAX_PROMPT_CHARS).strip();
  }

  private static String title(String answer) {
    String line = stripQuotes(LABEL.matcher(firstLine(answer)).replaceFirst(""));
    line = line.replaceAll("[.!]+$", "").strip();
    String[] words = line.split("\\s+");
    if (words.length > MAX_TITLE_WORDS) {
      line = String.join(" ", List.of(words).subList(0, MAX_TITLE_WORDS));
    }
    return stripQuotes(line);
  }

  /** A compact JSON array of 1-4 distinct lowercase categories, e.g. {@code ["lo-fi","chill"]}. */
  private static String categories(String answer) {
    List<String> raw = jsonArray(answer);
    if (raw == null) {
      // Not JSON: "lo-fi, chill" or one category per line, maybe bulleted or labelled.
      raw = List.of(LABEL.matcher(answer).replaceFirst("").split("[,;\\n]"));
    }
    Set<String> categories = new LinkedHashSet<>();
    for (String item : raw) {
      String category = stripQuotes(
              item.replaceAll("^\\s*(?:[-*•]|\\d+[.)])\\s*", "").replaceAll("[\\[\\]]", ""))
          .toLowerCase(Locale.ROOT)
          .replaceAll("\\s+", " ")
          .replaceAll("[.!]+$", "");
      if (!category.isEmpty() && category.length() <= MAX_CATEGORY_CHARS) {
        categories.add(category);
      }
      if (categories.size() == MAX_CATEGORIES) {
        break;
      }
    }
    if (categories.isEmpty()) {
      return "";
    }
    try {
      return ModelHttp.JSON.writeValueAsString(new ArrayList<>(categories));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The strings of the first JSON array in {@code text}, or null when there is none. */
  private static List<String> jsonArray(String text) {
    int start = text.indexOf('[');
    int end = text.lastIndexOf(']');
    if (start < 0 || end < start) {
      return null;
    }
    try {
      JsonNode array = ModelHttp.JSON.readTree(text.substring(start, end + 1));
      if (!array.isArray()) {
        return null;
      }
      List<String> items = new ArrayList<>();
      array.forEach(item -> items.add(item.isValueNode() ? item.asText() : ""));
      return items;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String firstLine(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }

  private static String stripQuotes(String text) {
    int start = 0;
    int end = text.length();
    while (start < end
        && (QUOTES.indexOf(text.charAt(start)) >= 0
            || Character.isWhitespace(text.charAt(start)))) {
      start++;
    }
    while (end > start
        && (QUOTES.indexOf(text.charAt(end - 1)) >= 0
            || Character.isWhitespace(text.charAt(end - 1)))) {
      end--;
    }
    return text.substring(start, end);
  }
}
