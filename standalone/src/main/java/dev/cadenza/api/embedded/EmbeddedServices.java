package dev.cadenza.api.embedded;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The servers started before the Spring context exists (the Temporal dev server and
 * PostgreSQL). Registered as a bean that the Temporal stubs and the data source depend on, so it
 * is closed after them; a JVM shutdown hook is the fallback for a context that never closes.
 */
public final class EmbeddedServices implements DisposableBean {
  public static final String BEAN_NAME = "cadenzaEmbeddedServices";
  public static final String HANDLE_PROPERTY = "app.embedded.handle";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);
  private static final Map<String, EmbeddedServices> BY_HANDLE = new ConcurrentHashMap<>();

  private final String handle = UUID.randomUUID().toString();
  private final Deque<Closeable> started = new ArrayDeque<>();

  static EmbeddedServices create() {
    EmbeddedServices services = new EmbeddedServices();
    BY_HANDLE.put(services.handle, services);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(services::destroy, "embedded-services-shutdown"));
    return services;
  }

  static EmbeddedServices forHandle(String handle) {
    return handle == null ? null : BY_HANDLE.get(handle);
  }

  String handle() {
    return handle;
  }

  synchronized void add(Closeable server) {
    started.push(server);
  }

  @Override
  public synchronized void destroy() {
    while (!started.isEmpty()) {
      Closeable server = started.pop();
      try {
        server.close();
      } catch (Exception e) {
        log.warn("Closing embedded {} failed", server.getClass().getSimpleName(), e);
      }
    }
    BY_HANDLE.remove(handle);
  }
}
