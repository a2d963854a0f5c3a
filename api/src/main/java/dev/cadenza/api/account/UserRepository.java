package dev.cadenza.api.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
public class UserRepository {
  private final JdbcClient jdbc;

  public UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the user unless the email is taken. A concurrent insert of the same email waits for
   * the other transaction and then inserts nothing, so the answer is right under races too.
   *
   * @return false if another user has this email
   */
  public boolean insertIfEmailFree(String id, String email, String name, String webhookSecret) {
    return jdbc.sql("""
                insert into users (id, email, name, webhook_secret)
                values (:id, :email, :name, :webhookSecret)
                on conflict (email) do nothing""")
            .param("id", id)
            .param("email", email)
            .param("name", name)
            .param("webhookSecret", webhookSecret)
            .update()
        == 1;
  }

  public Optional<User> findById(String id) {
    return jdbc.sql("select id, email, name, webhook_secret, created_at from users where id = :id")
        .param("id", id)
        .query(UserRepository::map)
        .optional();
  }

  private static User map(ResultSet rs, int row) throws SQLException {
    return new User(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("webhook_secret"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
