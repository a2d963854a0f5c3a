package dev.cadenza.api.account;

import dev.cadenza.credits.TransactionType;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints (admin key only): create users, grant or adjust credits. */
@RestController
@RequestMapping("/v1/admin/users")
public class AdminUserController {
  private final AccountService accounts;

  public AdminUserController(AccountService accounts) {
    this.accounts = accounts;
  }

  /** 201 with the user's API key, shown this once. */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED) // for the OpenAPI document; the entity sets it too
  public ResponseEntity<CreatedUserView> create(@Valid @RequestBody CreateUserRequest request) {
    long credits = request.credits() == null ? 0 : request.credits();
    NewUser created = accounts.createUser(request.email(), request.name(), credits);
    return ResponseEntity.created(URI.create("/v1/admin/users/" + created.user().id()))
        .body(CreatedUserView.of(created));
  }

  @GetMapping("/{userId}")
  public AccountView get(@PathVariable String userId) {
    return AccountView.of(accounts.account(userId));
  }

  /** The account after the change, as {@code GET /v1/me} shows it. */
  @PostMapping("/{userId}/credits")
  public AccountView addCredits(
      @PathVariable String userId, @Valid @RequestBody AddCreditsRequest request) {
    TransactionType type = TransactionType.fromDb(request.type());
    return AccountView.of(
        accounts.addCredits(userId, type, request.amount(), request.description()));
  }
}
