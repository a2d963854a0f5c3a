package dev.cadenza.gpuworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A model server on a free localhost port, speaking whatever the test's handlers answer: routes
 * by "METHOD /path", records every request. Handlers run on their own virtual threads, so a
 * slow one does not hold up others (a cancel request, a download).
 */
final class FakeModelServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What a handler answers. */
  record Response(int status, String contentType, byte[] body) {}

  @FunctionalInterface
  interface Handler {
    Response handle(Request request) throws Exception;
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  /** Counted down when a client hangs up on a {@link #trickle} answer. */
  final CountDownLatch clientGone = new CountDownLatch(1);
  /** Released on close, so handlers that wait on it end. */
  final CountDownLatch closing = new CountDownLatch(1);

  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  FakeModelServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /** Answers {@code "POST /v1/chat/completions"}-style routes. */
  FakeModelServer route(String methodAndPath, Handler handler) {
    routes.put(methodAndPath, handler);
    return this;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Request> requests(String methodAndPath) {
    return requests.stream()
        .filter(r -> (r.method() + " " + r.path()).equals(methodAndPath))
        .toList();
  }

  static Response json(int status, String json) {
    return new Response(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  static Response json(int status, JsonNode json) {
    return json(status, json.toString());
  }

  /**
   * Marker answer: headers at once, then a space every 20 ms (legal JSON whitespace) until the
   * client hangs up or the server closes: a model that takes forever, where the test can see
   * the connection being dropped.
   */
  static final Response TRICKLE = new Response(200, "application/json", new byte[0]);

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = new Request(
          exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders()),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(request);
      Handler handler = routes.get(request.method() + " " + request.path());
      Response response;
      try {
        response =
            handler == null ? json(404, "{\"detail\":\"Not Found\"}") : handler.handle(request);
      } catch (Exception e) {
        response = json(500, "{\"detail\":\"handler failed: " + e + "\"}");
      }
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      if (response == TRICKLE) {
        trickle(exchange);
        return;
      }
      exchange.sendResponseHeaders(
          response.status(), response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        exchange.getResponseBody().write(response.body());
      }
    }
  }

  private void trickle(HttpExchange exchange) {
    try {
      // Inside the try: a client that hung up before the headers went out fails right here.
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      while (!closing.await(20, TimeUnit.MILLISECONDS)) {
        body.write(' ');
        body.flush();
      }
    } catch (IOException e) {
      clientGone.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
