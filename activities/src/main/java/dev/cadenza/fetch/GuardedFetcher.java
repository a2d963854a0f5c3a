package dev.cadenza.fetch;

import dev.cadenza.net.GuardedHttp;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.net.RefusedAddressException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * Downloads a file a user named by URL into a temporary file, guarded: http(s) only, permitted
 * addresses only (checked per redirect hop and again at connection time), at most {@code
 * maxRedirects} redirects, the declared content type among those expected, at most {@code
 * maxBytes} (declared or actually sent), and the whole download within the timeout. Thread-safe.
 */
public final class GuardedFetcher implements AutoCloseable {

  /** What a download gave: a temporary file the caller deletes. */
  public record Fetched(Path file, String contentType, long sizeBytes, String sha256) {}

  private final OutboundAddressPolicy policy;
  private final CloseableHttpClient http;
  private final Duration timeout;
  private final int maxRedirects;

  public GuardedFetcher(
      OutboundAddressPolicy policy, Duration connectTimeout, Duration timeout, int maxRedirects) {
    this.policy = policy;
    this.http = GuardedHttp.client(policy, connectTimeout, timeout);
    this.timeout = timeout;
    this.maxRedirects = maxRedirects;
  }

  /**
   * @param contentTypes accepted media types, lower case, without parameters
   * @throws FetchException when the URL gives no usable file
   */
  public Fetched fetch(String url, Set<String> contentTypes, long maxBytes) throws FetchException {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI current = parse(url);
    for (int hop = 0; ; hop++) {
      check(current);
      HttpGet get = new HttpGet(current);
      get.setHeader("Accept", String.join(", ", contentTypes));
      try (ClassicHttpResponse response = http.executeOpen(null, get, null)) {
        int status = response.getCode();
        if (status >= 300 && status < 400) {
          Header location = response.getFirstHeader("Location");
          if (location == null) {
            throw new FetchException(answer(status) + " without a location.", false);
          }
          if (hop >= maxRedirects) {
            throw new FetchException(
                "The URL redirects more than " + maxRedirects + " times.", false);
          }
          current = redirect(current, location);
          continue;
        }
        if (status == 408 || status == 429 || status >= 500) {
          throw new FetchException(answer(status), true);
        }
        if (status < 200 || status >= 300) {
          throw new FetchException(answer(status), false);
        }
        return download(response.getEntity(), contentTypes, maxBytes, deadline);
      } catch (RefusedAddressException e) {
        throw new FetchException("The URL is not allowed: " + e.getMessage() + ".", false);
      } catch (UnknownHostException e) {
        throw new FetchException("The URL's host " + current.getHost() + " is unknown.", true, e);
      } catch (IOException e) {
        throw new FetchException(unreachable(e), true, e);
      }
    }
  }

  private Fetched download(
      HttpEntity entity, Set<String> contentTypes, long maxBytes, long deadline)
      throws FetchException, IOException {
    if (entity == null) {
      throw new FetchException("The URL sent no content.", false);
    }
    String type = mediaType(entity.getContentType());
    if (!contentTypes.contains(type)) {
      throw new FetchException(
          "The URL serves " + (type.isEmpty() ? "no content type" : type) + ", not "
              + String.join(" or ", contentTypes.stream().sorted().toList()) + ".",
          false);
    }
    if (entity.getContentLength() > maxBytes) {
      throw new FetchException(tooLarge(maxBytes), false);
    }
    Path file = Files.createTempFile("cadenza-fetch-", ".part");
    try {
      MessageDigest sha256 = sha256();
      long size = 0;
      try (InputStream in = entity.getContent();
          OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          size += n;
          if (size > maxBytes) {
            throw new FetchException(tooLarge(maxBytes), false);
          }
          if (System.nanoTime() > deadline) {
            throw new FetchException(
                "The download took longer than " + seconds(timeout) + ".", true);
          }
          out.write(buffer, 0, n);
        }
      }
      return new Fetched(file, type, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (FetchException | IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private URI parse(String url) throws FetchException {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new FetchException("The URL is malformed.", false);
    }
  }

  private void check(URI url) throws FetchException {
    try {
      policy.check(url);
    } catch (RefusedAddressException e) {
      throw new FetchException("The URL is not allowed: " + e.getMessage() + ".", false);
    } catch (UnknownHostException e) {
      throw new FetchException("The URL's host " + url.getHost() + " is unknown.", true, e);
    }
  }

  private static URI redirect(URI from, Header location) throws FetchException {
    try {
      return from.resolve(new URI(location.getValue().strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchException("The URL redirects to a malformed location.", false);
    }
  }

  /** What the user can do about a network fault, without the exception's internals. */
  private String unreachable(IOException e) {
    if (e instanceof InterruptedIOException) {
      // Socket and connect timeouts alike: the server is slow, down or not listening there.
      return "The URL's server did not answer within " + seconds(timeout) + ".";
    }
    if (e instanceof ConnectException) {
      return "The URL's server refused the connection.";
    }
    if (e instanceof SSLException) {
      return "The URL's server has no valid TLS certificate for its host.";
    }
    return "The URL's server could not be reached or broke off the download.";
  }

  private static String seconds(Duration duration) {
    long seconds = Math.max(1, duration.toSeconds());
    return seconds == 1 ? "1 second" : seconds + " seconds";
  }

  private static String answer(int status) {
    return "The URL answered HTTP " + status + ".";
  }

  private static String tooLarge(long maxBytes) {
    return "The file is larger than " + maxBytes + " bytes.";
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
