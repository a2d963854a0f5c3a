package dev.cadenza.api.auth;

import java.util.Optional;

/** Finds a user by email, for bearer JWTs that name their user by an email claim. */
@FunctionalInterface
public interface UserEmailLookup {
  /**
   * The id of the user with this email.
   *
   * @param email lower-cased and stripped, as emails are stored
   */
  Optional<String> findUserIdByEmail(String email);
}
