package dev.cadenza.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether a Spring Boot process answers {@code /actuator/health} with 200. */
final class Health {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static boolean up(String baseUrl) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
          .timeout(Duration.ofSeconds(3))
          .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Health() {}
}
