package dev.cadenza.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 and a free port, with handlers per path; records requests. */
public final class LocalHttpServer implements AutoCloseable {

  /** One request as received. */
  public record Received(
      String method, String path, com.sun.net.httpserver.Headers headers, byte[] body) {}

  private final HttpServer server;
  public final List<Received> received = new CopyOnWriteArrayList<>();

  public LocalHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public LocalHttpServer on(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(
          exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders(),
          body));
      handler.handle(exchange);
    });
    return this;
  }

  /** Answers {@code status} with {@code body} of {@code contentType}. */
  public LocalHttpServer serve(String path, int status, String contentType, byte[] body) {
    return on(path, exchange -> respond(exchange, status, contentType, body));
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
