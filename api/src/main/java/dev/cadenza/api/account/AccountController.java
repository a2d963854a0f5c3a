package dev.cadenza.api.account;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.paging.CursorCodec;
import dev.cadenza.api.paging.CursorPage;
import dev.cadenza.credits.TransactionPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account and credit history (user keys). */
@RestController
@Tag(name = "Account", description = "The caller's account and credit history (a user's key).")
public class AccountController {
  private final AccountService accounts;

  public AccountController(AccountService accounts) {
    this.accounts = accounts;
  }

  @Operation(
      operationId = "getAccount",
      summary = "The caller's account",
      description = "The user, the webhook secret and the credits"
          + " (`available` = `balance` - `reserved`).")
  @GetMapping("/v1/me")
  public AccountView me(@AuthenticationPrincipal AuthenticatedUser user) {
    return AccountView.of(accounts.account(user.id()));
  }

  /** Newest first; {@code cursor} is the {@code nextCursor} of the previous page. */
  @Operation(
      operationId = "listCreditTransactions",
      summary = "Credit history",
      description = "Balance-changing entries, newest first, paged by `cursor`. A generation's"
          + " hold shows in `reserved` while it runs and becomes one `spend` if it succeeds.")
  @GetMapping("/v1/credits/transactions")
  public CursorPage<TransactionView> transactions(
      @AuthenticationPrincipal AuthenticatedUser user,
      @Parameter(description = "Page size, 1 to 100.")
          @RequestParam(defaultValue = "20")
          @Min(1)
          @Max(100)
          int limit,
      @Parameter(description = "The `nextCursor` of the previous page; absent for the first.")
          @RequestParam(required = false)
          String cursor) {
    TransactionPage page = accounts.transactions(user.id(), limit, CursorCodec.decode(cursor));
    return new CursorPage<>(
        page.data().stream().map(TransactionView::of).toList(),
        CursorCodec.encode(page.nextBeforeId()));
  }
}
