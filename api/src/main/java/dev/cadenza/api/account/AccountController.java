package dev.cadenza.api.account;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.paging.CursorCodec;
import dev.cadenza.api.paging.CursorPage;
import dev.cadenza.credits.TransactionPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account and credit history (user keys). */
@RestController
public class AccountController {
  private final AccountService accounts;

  public AccountController(AccountService accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/v1/me")
  public AccountView me(@AuthenticationPrincipal AuthenticatedUser user) {
    return AccountView.of(accounts.account(user.id()));
  }

  /** Newest first; {@code cursor} is the {@code nextCursor} of the previous page. */
  @GetMapping("/v1/credits/transactions")
  public CursorPage<TransactionView> transactions(
      @AuthenticationPrincipal AuthenticatedUser user,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
      @RequestParam(required = false) String cursor) {
    TransactionPage page = accounts.transactions(user.id(), limit, CursorCodec.decode(cursor));
    return new CursorPage<>(
        page.data().stream().map(TransactionView::of).toList(),
        CursorCodec.encode(page.nextBeforeId()));
  }
}
