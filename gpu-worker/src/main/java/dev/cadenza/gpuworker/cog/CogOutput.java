package dev.cadenza.gpuworker.cog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.gpuworker.remote.ModelHttp;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.RunContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * The file behind a Cog prediction's {@code output}: a {@code data:} URI (Cog's default for file
 * outputs) is decoded, an http(s) URL (Cog with {@code output_file_prefix} or an upload URL) is
 * downloaded, bounded in size and time; of a list of outputs the first is taken.
 */
final class CogOutput {

  private final HttpClient http;
  private final URI baseUrl;
  private final long maxBytes;
  private final Duration downloadTimeout;
  private final String server;

  CogOutput(HttpClient http, URI baseUrl, long maxBytes, Duration downloadTimeout, String server) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.maxBytes = maxBytes;
    this.downloadTimeout = downloadTimeout;
    this.server = server;
  }

  byte[] fetch(JsonNode output, RunContext ctx) {
    JsonNode file = output.isArray() && !output.isEmpty() ? output.get(0) : output;
    if (!file.isTextual() || file.asText().isBlank()) {
      throw unusable("a prediction without a file output (output: "
          + ModelHttp.shorten(output.toString()) + ")");
    }
    String reference = file.asText().strip();
    if (reference.regionMatches(true, 0, "data:", 0, 5)) {
      return decodeDataUri(reference);
    }
    return download(resolve(reference), ctx);
  }

  private byte[] decodeDataUri(String uri) {
    int comma = uri.indexOf(',');
    if (comma < 0) {
      throw unusable("a malformed data URI as output");
    }
    String header = uri.substring(5, comma).toLowerCase(Locale.ROOT);
    if (!header.endsWith(";base64")) {
      throw unusable("a data URI that is not base64 (" + header + ")");
    }
    String data = uri.substring(comma + 1);
    if ((long) data.length() / 4 * 3 > maxBytes + 3) {
      throw unusable("an output larger than " + maxBytes + " bytes");
    }
    try {
      return Base64.getMimeDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw unusable("a data URI with invalid base64: " + e.getMessage());
    }
  }

  private URI resolve(String reference) {
    URI uri;
    try {
      // Relative references are relative to the server (a proxy may rewrite them so).
      uri = ModelHttp.endpoint(baseUrl, "").resolve(new URI(reference));
    } catch (URISyntaxException e) {
      throw unusable(
          "an output that is neither a data URI nor a URL: " + ModelHttp.shorten(reference));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw unusable("an output URL it cannot download: " + ModelHttp.shorten(reference));
    }
    return uri;
  }

  private byte[] download(URI uri, RunContext ctx) {
    ctx.progress("download", 95);
    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
    String what = "output download " + uri;
    HttpResponse<byte[]> response = ModelHttp.exchange(
        http, request, maxBytes, ctx, Instant.now().plus(downloadTimeout), what, () -> {});
    if (!ModelHttp.isSuccess(response.statusCode())) {
      // Output URLs can be briefly missing (eventual consistency) or expired: try again.
      throw new ModelFailureException(
          ModelFailureException.MODEL_ERROR,
          what + " answered HTTP " + response.statusCode(),
          true);
    }
    return response.body();
  }

  private ModelFailureException unusable(String what) {
    return new ModelFailureException(
        ModelFailureException.MODEL_ERROR, server + " returned " + what, false);
  }
}
