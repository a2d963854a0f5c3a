package dev.cadenza.api.account;

import dev.cadenza.api.auth.ApiKeyLookup;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table: hashes only, never a key. */
@Repository
public class ApiKeyRepository implements ApiKeyLookup {
  private final JdbcClient jdbc;

  public ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String id, String userId, String keyHash, String keyPrefix) {
    jdbc.sql("""
            insert into api_keys (id, user_id, key_hash, key_prefix)
            values (:id, :userId, :keyHash, :keyPrefix)""")
        .param("id", id)
        .param("userId", userId)
        .param("keyHash", keyHash)
        .param("keyPrefix", keyPrefix)
        .update();
  }

  /** One lookup on the unique {@code key_hash} index; runs on every authenticated request. */
  @Override
  public Optional<String> findActiveUserId(String keyHash) {
    return jdbc.sql("select user_id from api_keys where key_hash = :keyHash and revoked_at is null")
        .param("keyHash", keyHash)
        .query(String.class)
        .optional();
  }
}
