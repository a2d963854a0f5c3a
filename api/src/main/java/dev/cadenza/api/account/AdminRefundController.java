package dev.cadenza.api.account;

import dev.cadenza.api.auth.ApiKeyAuthentication;
import dev.cadenza.api.idempotency.IdempotencyService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** An operator's refund of spent credits, with a reason (admin key only). */
@RestController
@Tag(name = "Admin")
public class AdminRefundController {
  private final RefundService refunds;
  private final IdempotencyService idempotency;

  public AdminRefundController(RefundService refunds, IdempotencyService idempotency) {
    this.refunds = refunds;
    this.idempotency = idempotency;
  }

  @Operation(
      operationId = "refundCredits",
      summary = "Refund credits",
      description = "Gives `amount` spent credits back to the user as one `refund` transaction"
          + " whose description is `reason`. With `generationId`: the generation must be the"
          + " user's and paid for, the amount at most its cost, and it is refunded at most once"
          + " (its id is the transaction's `referenceId`). Never more than the user has spent."
          + " With `Idempotency-Key`, a repeated request returns the first answer.",
      responses =
          @ApiResponse(
              responseCode = "201",
              description = "The refund and the account after it.",
              content = @Content(schema = @Schema(implementation = RefundView.class))))
  @ApiResponse(
      responseCode = "409",
      description = "`NOT_REFUNDABLE` (the generation spent nothing), `ALREADY_REFUNDED`,"
          + " `CONFLICT` (the `Idempotency-Key` was used with another body).")
  @ApiResponse(
      responseCode = "422",
      description = "`VALIDATION_FAILED` (invalid fields, more than the generation cost),"
          + " `REFUND_EXCEEDS_SPENDING` (more than the user has spent).")
  @PostMapping(
      path = "/v1/admin/users/{userId}/refunds",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> refund(
      @Parameter(description = "The user's id.") @PathVariable String userId,
      @Parameter(
              name = IdempotencyService.HEADER,
              description = "Same key and same body within 24 h return the first answer; same"
                  + " key with another body: 409 CONFLICT.")
          @RequestHeader(name = IdempotencyService.HEADER, required = false)
          String idempotencyKey,
      @Valid @RequestBody RefundRequest request) {
    return idempotency.execute(
        ApiKeyAuthentication.ADMIN,
        idempotencyKey,
        "POST /v1/admin/users/" + userId + "/refunds",
        request,
        () -> {
          Refund refund =
              refunds.refund(userId, request.amount(), request.reason(), request.generationId());
          return ResponseEntity.status(HttpStatus.CREATED).body(RefundView.of(refund));
        });
  }
}
