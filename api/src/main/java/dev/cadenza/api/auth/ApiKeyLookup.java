package dev.cadenza.api.auth;

import java.util.Optional;

/**
 * Finds the owner of a user API key. Implemented by the account repository; kept here so that
 * authentication does not depend on the account feature.
 */
@FunctionalInterface
public interface ApiKeyLookup {
  /**
   * The id of the user who owns the key with this hash, if the key exists and is not revoked.
   *
   * @param keyHash {@link ApiKeys#hash} of the presented key
   */
  Optional<String> findActiveUserId(String keyHash);
}
