package dev.cadenza.gpuworker;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which models are served by real model servers instead of the built-in runners (see {@link
 * RunnerCatalog}).
 *
 * @param openAi the OpenAI-compatible chat endpoint that answers model {@code text}; empty = the
 *     built-in text runner
 * @param cog Cog servers by Cadenza model ({@code audio}, {@code image}); a model not named keeps
 *     its built-in runner
 * @param cogTimeout longest wait for one Cog prediction (time the server is busy included)
 */
public record ModelServers(Optional<OpenAi> openAi, Map<String, URI> cog, Duration cogTimeout) {

  /** Models a Cog server can take over: those whose output file the catalog knows. */
  public static final Set<String> COG_MODELS = Set.of("audio", "image");

  public static final Duration DEFAULT_COG_TIMEOUT = Duration.ofMinutes(10);

  /** Where {@code GPU_WORKER_TEXT_BACKEND} sends the text model. */
  public enum TextBackend {
    BUILTIN,
    OPENAI;

    /** "builtin" or "openai", any case. */
    public static TextBackend parse(String name) {
      return switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "builtin" -> BUILTIN;
        case "openai" -> OPENAI;
        default ->
          throw new IllegalArgumentException("expected builtin or openai, was \"" + name + "\"");
      };
    }
  }

  /**
   * An OpenAI-compatible Chat Completions endpoint.
   *
   * @param baseUrl the API root, e.g. {@code http://localhost:11434/v1}
   * @param apiKey bearer token; null when the server needs none
   * @param model the server's model name
   * @param timeout longest wait for one answer
   */
  public record OpenAi(URI baseUrl, String apiKey, String model, Duration timeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public OpenAi {
      requireHttpUrl(baseUrl, "baseUrl");
      apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("model is required");
      }
      if (timeout == null || !timeout.isPositive()) {
        throw new IllegalArgumentException("timeout must be > 0");
      }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
      return "OpenAi[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
          + ", model=" + model + ", timeout=" + timeout + "]";
    }
  }

  public ModelServers {
    Objects.requireNonNull(openAi, "openAi");
    cog.forEach((model, url) -> {
      if (!COG_MODELS.contains(model)) {
        throw new IllegalArgumentException(
            "a Cog server can serve " + COG_MODELS + ", not \"" + model + "\"");
      }
      requireHttpUrl(url, "Cog URL of " + model);
    });
    cog = Collections.unmodifiableMap(new TreeMap<>(cog));
    if (cogTimeout == null || !cogTimeout.isPositive()) {
      throw new IllegalArgumentException("cogTimeout must be > 0");
    }
  }

  /** Built-in runners only. */
  public static ModelServers builtIn() {
    return new ModelServers(Optional.empty(), Map.of(), DEFAULT_COG_TIMEOUT);
  }

  public TextBackend textBackend() {
    return openAi.isPresent() ? TextBackend.OPENAI : TextBackend.BUILTIN;
  }

  /** An absolute http(s) URL, for parsing configuration. */
  static URI httpUrl(String text) {
    URI uri = URI.create(text.strip());
    requireHttpUrl(uri, "URL");
    return uri;
  }

  private static void requireHttpUrl(URI uri, String name) {
    if (uri == null
        || !uri.isAbsolute()
        || uri.getHost() == null
        || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(name + " must be an http(s) URL, was " + uri);
    }
  }
}
