package dev.cadenza.api.payments;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.payments.PaymentsProperties.CreditPackage;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Credit packages and buying one through Stripe Checkout. */
@RestController
@Tag(name = "Account")
public class CreditPackagesController {
  private static final int MAX_URL_LENGTH = 2048;

  private final PaymentsProperties properties;
  private final StripeCheckout checkout;

  CreditPackagesController(PaymentsProperties properties, StripeCheckout checkout) {
    this.properties = properties;
    this.checkout = checkout;
  }

  @Operation(
      operationId = "listCreditPackages",
      summary = "Credit packages",
      description = "What can be bought: each package's credits and price (amount in the"
          + " currency's smallest unit). No key needed.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The packages on sale."),
        @ApiResponse(
            responseCode = "406",
            description = "`NOT_ACCEPTABLE`: the request's `Accept` excludes JSON.")
      })
  @SecurityRequirements // no key
  @GetMapping("/v1/credits/packages")
  public Map<String, List<CreditPackageView>> packages() {
    return Map.of(
        "data", properties.packages().stream().map(CreditPackageView::of).toList());
  }

  @Operation(
      operationId = "createCheckout",
      summary = "Buy credits",
      description = "Starts a Stripe Checkout Session for the package, the caller being its"
          + " client reference; send the customer to `url`. The credits arrive as one"
          + " `purchase` transaction when Stripe reports the payment.",
      responses = {
        @ApiResponse(responseCode = "201", description = "The session: `id` and `url`."),
        @ApiResponse(
            responseCode = "422",
            description = "`VALIDATION_FAILED`: an unknown `packageId`, a missing or non-http(s)"
                + " `successUrl` or `cancelUrl`."),
        @ApiResponse(
            responseCode = "502",
            description = "`PAYMENT_PROVIDER_ERROR`: Stripe refused or could not be reached."),
        @ApiResponse(
            responseCode = "503",
            description = "`PAYMENTS_NOT_CONFIGURED`: the service has no Stripe account.")
      })
  @PostMapping("/v1/credits/checkout")
  @ResponseStatus(HttpStatus.CREATED)
  public CheckoutView checkout(
      @AuthenticationPrincipal AuthenticatedUser user, @RequestBody CheckoutRequest request) {
    if (!checkout.configured()) {
      throw new PaymentsNotConfiguredException();
    }
    List<FieldProblem> problems = new ArrayList<>();
    Optional<CreditPackage> pack = Optional.empty();
    if (request.packageId() == null || request.packageId().isBlank()) {
      problems.add(new FieldProblem("packageId", "must not be blank"));
    } else {
      pack = properties.find(request.packageId());
      if (pack.isEmpty()) {
        problems.add(new FieldProblem("packageId", "is not a package of /v1/credits/packages"));
      }
    }
    checkUrl("successUrl", request.successUrl()).ifPresent(problems::add);
    checkUrl("cancelUrl", request.cancelUrl()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return checkout.create(
        user.id(), pack.orElseThrow(), request.successUrl(), request.cancelUrl());
  }

  /** Stripe sends the customer's browser there: an absolute http(s) URL with a host. */
  private static Optional<FieldProblem> checkUrl(String field, String value) {
    if (value == null || value.isBlank()) {
      return Optional.of(new FieldProblem(field, "must not be blank"));
    }
    if (value.length() > MAX_URL_LENGTH) {
      return Optional.of(
          new FieldProblem(field, "must be at most " + MAX_URL_LENGTH + " characters"));
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return Optional.empty();
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    return Optional.of(new FieldProblem(field, "must be an absolute http or https URL"));
  }
}
