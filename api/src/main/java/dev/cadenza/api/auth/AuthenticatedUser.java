package dev.cadenza.api.auth;

/** The principal of a request made with a user's API key. */
public record AuthenticatedUser(String id) {}
