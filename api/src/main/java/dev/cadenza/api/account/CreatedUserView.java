package dev.cadenza.api.account;

/** Answer of {@code POST /v1/admin/users}; {@code apiKey} is never shown again. */
public record CreatedUserView(String id, String email, String name, String apiKey) {
  static CreatedUserView of(NewUser created) {
    User user = created.user();
    return new CreatedUserView(user.id(), user.email(), user.name(), created.apiKey());
  }
}
