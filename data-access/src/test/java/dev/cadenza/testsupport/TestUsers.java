package dev.cadenza.testsupport;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Inserts {@code users} rows directly, for tests that need a user to hang data on. */
public final class TestUsers {

  private TestUsers() {}

  /** Inserts a user with a random id, email and webhook secret and returns the id. */
  public static String insert(DataSource dataSource) {
    return insert(JdbcClient.create(dataSource));
  }

  /** Inserts a user with a random id, email and webhook secret and returns the id. */
  public static String insert(JdbcClient jdbc) {
    String id = "usr_" + UUID.randomUUID().toString().replace("-", "");
    jdbc.sql(
            "insert into users (id, email, name, webhook_secret) values (:id, :email, :name, :secret)")
        .param("id", id)
        .param("email", id + "@test.cadenza.dev")
        .param("name", "Test user " + id)
        .param("secret", "whsec_" + UUID.randomUUID())
        .update();
    return id;
  }
}
