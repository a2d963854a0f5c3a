package dev.cadenza.api.account;

/**
 * A user just created.
 *
 * @param apiKey the only time the plain key exists outside the client
 */
public record NewUser(User user, String apiKey) {}
