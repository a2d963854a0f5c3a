package dev.cadenza.api.account;

import dev.cadenza.credits.TransactionType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints (admin key only): create users, grant or adjust credits. */
@RestController
@RequestMapping("/v1/admin/users")
@Tag(
    name = "Admin",
    description = "Operator endpoints (the admin key): users, credits and refunds, generations,"
        + " the GPU fleet.")
public class AdminUserController {
  private final AccountService accounts;

  public AdminUserController(AccountService accounts) {
    this.accounts = accounts;
  }

  /** 201 with the user's API key, shown this once. */
  @Operation(
      operationId = "createUser",
      summary = "Create a user",
      description = "Creates the user, one API key and the credit account; `credits` > 0 adds a"
          + " `bonus` transaction. The answer carries the API key, shown this once.")
  @ApiResponse(responseCode = "409", description = "`CONFLICT`: a user with this email exists.")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED) // for the OpenAPI document; the entity sets it too
  public ResponseEntity<CreatedUserView> create(@Valid @RequestBody CreateUserRequest request) {
    long credits = request.credits() == null ? 0 : request.credits();
    NewUser created = accounts.createUser(request.email(), request.name(), credits);
    return ResponseEntity.created(URI.create("/v1/admin/users/" + created.user().id()))
        .body(CreatedUserView.of(created));
  }

  @Operation(
      operationId = "getUser",
      summary = "Get a user's account",
      description = "The user and their credits, as `GET /v1/me` shows them.")
  @GetMapping("/{userId}")
  public AccountView get(@Parameter(description = "The user's id.") @PathVariable String userId) {
    return AccountView.of(accounts.account(userId));
  }

  /** The account after the change, as {@code GET /v1/me} shows it. */
  @Operation(
      operationId = "addCredits",
      summary = "Grant or adjust credits",
      description = "Adds `amount` credits as `purchase`, `bonus` or `admin_adjust` and answers"
          + " the account. A negative amount only with `admin_adjust`, and never below what the"
          + " account has reserved.")
  @ApiResponse(
      responseCode = "422",
      description = "`VALIDATION_FAILED` (invalid fields), `INSUFFICIENT_CREDITS` (a debit over"
          + " the available credits).")
  @ApiResponse(responseCode = "200", description = "The account after the change.")
  @PostMapping("/{userId}/credits")
  public AccountView addCredits(
      @Parameter(description = "The user's id.") @PathVariable String userId,
      @Valid @RequestBody AddCreditsRequest request) {
    TransactionType type = TransactionType.fromDb(request.type());
    return AccountView.of(
        accounts.addCredits(userId, type, request.amount(), request.description()));
  }

  @Operation(
      operationId = "setUserConcurrency",
      summary = "Set a user's concurrency",
      description = "How many of the user's generations may run at once (1-100); the others wait"
          + " as `queued` and start in submission order as slots free. `null` returns the user"
          + " to the server's default (`APP_DEFAULT_MAX_CONCURRENT`, 2). Applies to what is"
          + " waiting now. Answers the account.")
  @PutMapping("/{userId}/concurrency")
  public AccountView setConcurrency(
      @Parameter(description = "The user's id.") @PathVariable String userId,
      @Valid @RequestBody ConcurrencyRequest request) {
    return AccountView.of(accounts.setMaxConcurrent(userId, request.maxConcurrent()));
  }
}
