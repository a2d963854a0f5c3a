package dev.cadenza.db;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code DATABASE_URL} ({@code app.database-url}) as Spring's data source settings, in every
 * process that reaches the database: a JDBC URL, or a {@code postgres://user:pass@host:port/db}
 * URL as hosting platforms give it; {@code DATABASE_USERNAME} and {@code DATABASE_PASSWORD}
 * override the URL's user and password. Without it the all-in-one launcher runs PostgreSQL
 * embedded.
 */
public class DatabaseUrlEnvironment implements EnvironmentPostProcessor, Ordered {
  static final String SOURCE = "cadenzaDatabaseUrl";

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after application.yaml has been read
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    String url = env.getProperty("app.database-url", "");
    if (url.isBlank()) {
      return;
    }
    Map<String, Object> props = new HashMap<>(toSpring(url));
    copy(env, "DATABASE_USERNAME", "spring.datasource.username", props);
    copy(env, "DATABASE_PASSWORD", "spring.datasource.password", props);
    env.getPropertySources().addFirst(new MapPropertySource(SOURCE, props));
  }

  private static void copy(
      ConfigurableEnvironment env, String from, String to, Map<String, Object> props) {
    String value = env.getProperty(from);
    if (value != null && !value.isBlank()) {
      props.put(to, value);
    }
  }

  /** Accepts the two common spellings of a PostgreSQL address. */
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
}
