package dev.cadenza.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The one-command service's embedded PostgreSQL holds the ledger: it must be crash-safe. */
class EmbeddedPostgresSettingsTest {
  @TempDir
  Path dataDir;

  @ParameterizedTest
  @CsvSource({"true, on, on", "false, off, off"})
  void durableUnlessToldOtherwise(boolean durable, String fsync, String synchronousCommit)
      throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(new MapPropertySource(
            "test",
            Map.of(
                "app.data-dir",
                dataDir.toString(),
                "app.admin-api-key",
                "test-admin-key",
                // An external Temporal: only PostgreSQL is embedded here.
                "spring.temporal.connection.target",
                "127.0.0.1:7233",
                "app.embedded.postgres-durable",
                Boolean.toString(durable))));
    new EmbeddedInfrastructure(EmbeddedPostgresSettingsTest::log)
        .postProcessEnvironment(env, new SpringApplication());
    EmbeddedServices services =
        EmbeddedServices.forHandle(env.getProperty(EmbeddedServices.HANDLE_PROPERTY));
    try (Connection connection =
        DriverManager.getConnection(env.getProperty("spring.datasource.url"), "postgres", "")) {
      assertThat(setting(connection, "fsync")).isEqualTo(fsync);
      assertThat(setting(connection, "synchronous_commit")).isEqualTo(synchronousCommit);
      if (durable) {
        assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
      }
    } finally {
      services.destroy();
    }
  }

  private static String setting(Connection connection, String name) throws Exception {
    try (ResultSet rows = connection.createStatement().executeQuery("show " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static Log log(Supplier<Log> destination) {
    return destination.get();
  }
}
