package dev.cadenza.api.auth;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without {@code APP_ADMIN_API_KEY}, the admin key of the API is the one kept in {@code
 * APP_DATA_DIR/admin-api-key} (made on first start); the start-up banner says where it is.
 */
public class AdminKeyEnvironment implements EnvironmentPostProcessor, Ordered {
  static final String SOURCE = "cadenzaAdminKey";

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after application.yaml has been read
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!env.getProperty("app.admin-api-key", "").isBlank()) {
      return;
    }
    Path dataDir =
        Path.of(env.getProperty("app.data-dir", "./data")).toAbsolutePath().normalize();
    env.getPropertySources()
        .addFirst(new MapPropertySource(
            SOURCE,
            Map.of(
                "app.admin-api-key",
                AdminKeyFile.readOrCreate(dataDir),
                "app.embedded.admin-key-file",
                dataDir.resolve(AdminKeyFile.NAME).toString())));
  }
}
