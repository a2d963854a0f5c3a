package dev.cadenza.api.embedded;

import dev.cadenza.api.gpu.EmbeddedGpuWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start what runs embedded, what is external, and how to reach each part. */
@Component
class StartupBanner {
  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);
  private final Environment env;
  private final EmbeddedGpuWorker gpuWorker;

  StartupBanner(Environment env, EmbeddedGpuWorker gpuWorker) {
    this.env = env;
    this.gpuWorker = gpuWorker;
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "?"));
    StringBuilder text = new StringBuilder("\n  Cadenza is up\n");
    line(
        text,
        "REST API",
        "http://localhost:" + port + "  (OpenAPI: /v3/api-docs, health: /actuator/health)");
    line(text, "Swagger UI", "http://localhost:" + port + "/swagger-ui/index.html");
    line(
        text,
        "Temporal",
        env.getProperty(
            "app.embedded.temporal",
            env.getProperty("spring.temporal.connection.target", "?") + "  (external)"));
    String ui = env.getProperty("app.embedded.temporal-ui");
    if (ui != null) {
      line(
          text,
          "Temporal UI",
          ui + "/namespaces/" + env.getProperty("spring.temporal.namespace", "default")
              + "/workflows");
    }
    line(
        text, "PostgreSQL", describe("app.embedded.postgres", "spring.datasource.url", "embedded"));
    line(
        text,
        "Storage",
        env.getProperty("app.storage.type", "local") + " "
            + env.getProperty("app.storage.local.dir", ""));
    line(
        text,
        "GPU workers",
        gpuWorker.server() != null
            ? gpuWorker.address() + "  embedded, built-in runners (gRPC, reflection on)"
            : env.getProperty("app.gpu.addresses", "") + "  (external)");
    String keyFile = env.getProperty("app.embedded.admin-key-file");
    line(
        text,
        "Admin key",
        keyFile != null
            ? env.getProperty("app.admin-api-key") + "  (generated, kept in " + keyFile + ")"
            : "from APP_ADMIN_API_KEY");
    log.info(text.toString());
  }

  private String describe(String embeddedKey, String externalKey, String what) {
    String embedded = env.getProperty(embeddedKey);
    return embedded != null
        ? embedded + "  " + what
        : env.getProperty(externalKey, "?") + "  (external)";
  }

  private static void line(StringBuilder text, String name, String value) {
    text.append(String.format("  %-12s %s%n", name, value));
  }
}
