package dev.cadenza.credits;

/** There is no credit account (or no user) with the given id. */
public class AccountNotFoundException extends RuntimeException {

  private final String userId;

  public AccountNotFoundException(String userId) {
    super("no credit account for user " + userId);
    this.userId = userId;
  }

  public String userId() {
    return userId;
  }
}
