package dev.cadenza.generation;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The public URL of a published generation's file: {@code <app.public-url>/v1/public/generations/
 * <id>/<file>}. It never expires and carries no signature; the API serves it only while the
 * generation is published (checked in the database on every request), so it works the same on
 * local and S3 storage and stops working the moment the generation is unpublished.
 */
@Component
public class PublicUrls {
  public static final String PREFIX = "/v1/public/generations/";

  private final Environment env;

  public PublicUrls(Environment env) {
    this.env = env;
  }

  /**
   * @param fileName the last segment of the asset's storage key; ids and key segments are
   *     URL-safe as they are
   */
  public URI of(String generationId, String fileName) {
    // Read per URL: the default names the port the web server actually bound (SERVER_PORT=0).
    String base = env.getProperty("app.public-url", "http://localhost:8080");
    return URI.create(base.replaceAll("/+$", "") + PREFIX + generationId + "/" + fileName);
  }
}
