package dev.cadenza.api.account;

import dev.cadenza.api.auth.SecureTokens;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.RefundExceedsSpendingException;
import dev.cadenza.credits.Reservation;
import dev.cadenza.credits.ReservationStatus;
import dev.cadenza.credits.Transaction;
import dev.cadenza.credits.TransactionType;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * An operator's refund: credits a user had spent go back to them as one {@code refund}
 * transaction carrying the reason. Refunds only ever return spending, never create credits:
 *
 * <ul>
 *   <li>for a generation: it must be the user's and have been paid for (its hold captured); at
 *       most what it cost; at most once (the generation id is the refund's reference, unique in
 *       the ledger);
 *   <li>in any case: at most what the user has spent, net of earlier refunds (the ledger's rule).
 * </ul>
 */
@Service
public class RefundService {
  private static final Logger log = LoggerFactory.getLogger(RefundService.class);

  private final UserRepository users;
  private final GenerationStore generations;
  private final CreditLedger ledger;
  private final ConcurrencyLimits limits;

  public RefundService(
      UserRepository users,
      GenerationStore generations,
      CreditLedger ledger,
      ConcurrencyLimits limits) {
    this.limits = limits;
    this.users = users;
    this.generations = generations;
    this.ledger = ledger;
  }

  /**
   * @param generationId the generation refunded, or null for a refund not tied to one
   * @throws ApiException 404 for an unknown user, or a generation that is not theirs; 409 {@code
   *     NOT_REFUNDABLE} if the generation spent nothing, {@code ALREADY_REFUNDED} if it was
   *     refunded before; 422 {@code VALIDATION_FAILED} for more than the generation cost, {@code
   *     REFUND_EXCEEDS_SPENDING} for more than the user has spent. Nothing changes on any of them.
   */
  public Refund refund(String userId, long amount, String reason, String generationId) {
    User user = users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
    String reference = generationId == null
        ? "refund_" + SecureTokens.base62(20)
        : spent(userId, generationId, amount);
    Transaction entry;
    try {
      entry = ledger
          .refund(userId, amount, reference, reason.strip())
          .orElseThrow(() -> alreadyRefunded(generationId));
    } catch (RefundExceedsSpendingException e) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          ProblemCode.REFUND_EXCEEDS_SPENDING,
          "The user has spent %d credits (net of earlier refunds); a refund of %d would create credits."
              .formatted(e.spent(), e.requested()));
    }
    log.info(
        "Refunded {} credits to {} (reference {}): {}", amount, userId, reference, reason.strip());
    return new Refund(entry, new UserAccount(user, ledger.account(userId), limits.of(userId)));
  }

  /** Checks that the generation is the user's and paid at least {@code amount}; its id. */
  private String spent(String userId, String generationId, long amount) {
    Generation generation = generations
        .find(generationId)
        .filter(g -> g.userId().equals(userId))
        .orElseThrow(() -> ApiException.notFound("Generation " + generationId));
    Reservation hold = ledger
        .reservation(generationId)
        .filter(r -> r.status() == ReservationStatus.CAPTURED)
        .orElseThrow(() -> new ApiException(
            HttpStatus.CONFLICT,
            ProblemCode.NOT_REFUNDABLE,
            "Generation %s is %s and spent nothing; there is nothing to refund."
                .formatted(generationId, generation.status().dbValue())));
    if (amount > hold.amount()) {
      throw ApiException.invalidField(
          "amount", "must be at most the " + hold.amount() + " credits the generation cost");
    }
    return generationId;
  }

  private ApiException alreadyRefunded(String generationId) {
    Transaction earlier =
        ledger.transaction(TransactionType.REFUND, generationId).orElseThrow();
    return new ApiException(
        HttpStatus.CONFLICT,
        ProblemCode.ALREADY_REFUNDED,
        "Generation %s was already refunded (%s%d, %d credits)."
            .formatted(generationId, TransactionView.ID_PREFIX, earlier.id(), earlier.amount()));
  }
}
