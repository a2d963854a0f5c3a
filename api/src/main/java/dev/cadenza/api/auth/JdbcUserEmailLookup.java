package dev.cadenza.api.auth;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link UserEmailLookup} on the {@code users} table (unique index on {@code email}). */
@Repository
public class JdbcUserEmailLookup implements UserEmailLookup {
  private final JdbcClient jdbc;

  public JdbcUserEmailLookup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<String> findUserIdByEmail(String email) {
    return jdbc.sql("select id from users where email = :email")
        .param("email", email)
        .query(String.class)
        .optional();
  }
}
