package dev.cadenza.publication;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook secret of a user ({@code GET /v1/me} shows it), to sign what is sent for them. */
@Repository
public class WebhookSecrets {
  private final JdbcClient jdbc;

  public WebhookSecrets(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @throws IllegalStateException when the user does not exist
   */
  public String of(String userId) {
    return jdbc.sql("select webhook_secret from users where id = :id")
        .param("id", userId)
        .query(String.class)
        .optional()
        .orElseThrow(() -> new IllegalStateException("no user " + userId));
  }
}
