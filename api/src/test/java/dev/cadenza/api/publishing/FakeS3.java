package dev.cadenza.api.publishing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two S3 calls a download makes, HeadObject and GetObject (path-style), on a local HTTP
 * server: enough for the real AWS SDK client of {@code S3ObjectStorage} to fetch objects over
 * the S3 protocol, and for a test to see which calls were made. Signatures are not checked.
 */
final class FakeS3 implements AutoCloseable {
  private record StoredObject(byte[] bytes, String contentType) {}

  private final HttpServer server;
  private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private FakeS3(HttpServer server) {
    this.server = server;
  }

  static FakeS3 start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FakeS3 s3 = new FakeS3(server);
      server.createContext("/", s3::handle);
      server.start();
      return s3;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void put(String bucket, String key, byte[] bytes, String contentType) {
    objects.put("/" + bucket + "/" + key, new StoredObject(bytes, contentType));
  }

  /** "METHOD /bucket/key" of every request so far. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  void clearRequests() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      requests.add(exchange.getRequestMethod() + " " + path);
      StoredObject object = objects.get(path);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      if (object == null) {
        byte[] error = "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>"
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(404, head ? -1 : error.length);
        if (!head) {
          exchange.getResponseBody().write(error);
        }
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", object.contentType());
      if (head) {
        exchange.getResponseHeaders().set("Content-Length", Long.toString(object.bytes().length));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, object.bytes().length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(object.bytes());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
