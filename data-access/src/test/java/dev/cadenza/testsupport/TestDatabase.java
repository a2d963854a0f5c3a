package dev.cadenza.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Real PostgreSQL for tests: one embedded server per JVM, one fresh, migrated database per call.
 *
 * <p>The server (zonky {@link EmbeddedPostgres}, no Docker needed) starts lazily on first use
 * and is stopped by a JVM shutdown hook. Each call to {@link #fresh()} or {@link #create()}
 * creates a new empty database with a unique name and applies the Flyway migrations from
 * {@code classpath:db/migration}, so test classes never see each other's rows. Call it once per
 * test class (in {@code @BeforeAll}); within a class, isolate tests by using fresh ids.
 *
 * <pre>{@code
 * static DataSource ds;
 * @BeforeAll static void db() { ds = TestDatabase.fresh(); }
 * }</pre>
 *
 * For a Spring test, point the context at a fresh database:
 * <pre>{@code
 * static final TestDatabase.Database DB = TestDatabase.create();
 * @DynamicPropertySource static void props(DynamicPropertyRegistry r) {
 *     r.add("spring.datasource.url", DB::jdbcUrl);
 *     r.add("spring.datasource.username", DB::username);
 *     r.add("spring.datasource.password", DB::password);
 * }
 * }</pre>
 *
 * <p>The returned data sources are small HikariCP pools (up to {@value #POOL_SIZE}
 * connections; idle ones are retired), closed at JVM exit. The server allows 300 connections and
 * runs with fsync off: fast, not durable, for tests only.
 */
public final class TestDatabase {

  /** Connections per database pool: enough for concurrency tests, small enough for many classes. */
  public static final int POOL_SIZE = 16;

  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final List<HikariDataSource> POOLS = new CopyOnWriteArrayList<>();

  /**
   * Connection details of one test database, for configuration that wants a URL.
   *
   * @param name       the database name
   * @param jdbcUrl    {@code jdbc:postgresql://localhost:<port>/<name>}
   * @param dataSource a pool on it
   */
  public record Database(
      String name, String jdbcUrl, String username, String password, DataSource dataSource) {}

  private TestDatabase() {}

  /** A new, empty, fully migrated database; see the class documentation. */
  public static DataSource fresh() {
    return create().dataSource();
  }

  /** Like {@link #fresh()}, with the URL and credentials for configuring other clients. */
  public static Database create() {
    EmbeddedPostgres server = Server.INSTANCE;
    // pid keeps names unique should two test JVMs ever share a server; the counter within one.
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection admin = server.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    String url = server.getJdbcUrl(USER, name);
    HikariDataSource pool = pool(name, url);
    Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return new Database(name, url, USER, PASSWORD, pool);
  }

  /**
   * The JDBC URL of a data source made by this class.
   *
   * @throws IllegalArgumentException for any other data source
   */
  public static String jdbcUrl(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource pool && POOLS.contains(pool)) {
      return pool.getJdbcUrl();
    }
    throw new IllegalArgumentException("not a TestDatabase data source: " + dataSource);
  }

  private static HikariDataSource pool(String name, String url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("TestDatabase-" + name);
    config.setJdbcUrl(url);
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(POOL_SIZE);
    // Idle connections are closed after a while, so finished test classes hold few.
    config.setMinimumIdle(1);
    config.setIdleTimeout(10_000);
    HikariDataSource pool = new HikariDataSource(config);
    POOLS.add(pool);
    return pool;
  }

  /** Holder idiom: the server starts on first use, once, thread-safely. */
  private static final class Server {
    static final EmbeddedPostgres INSTANCE = start();

    private static EmbeddedPostgres start() {
      try {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .setRegisterShutdownHook(false)
            .start();
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> stop(server), "TestDatabase-shutdown"));
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }

    private static void stop(EmbeddedPostgres server) {
      POOLS.forEach(HikariDataSource::close);
      try {
        server.close();
      } catch (IOException e) {
        // Best effort at JVM exit; the data directory is temporary anyway.
      }
    }
  }
}
