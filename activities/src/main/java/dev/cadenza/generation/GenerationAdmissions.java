package dev.cadenza.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.InsufficientCreditsException;
import dev.cadenza.generation.events.GenerationEventType;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.AdmittedGeneration;
import dev.cadenza.workflows.credits.ReserveAnswer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admits new generations for a workflow's {@code reserve} update: their rows ({@code queued},
 * with the {@code status} event) and their holds, in one transaction, so that a request the user
 * cannot afford leaves nothing behind, and a batch is held whole or not at all.
 */
@Component
public class GenerationAdmissions {
  private final GenerationStore store;
  private final GenerationEvents events;
  private final CreditLedger ledger;
  private final ObjectMapper json;
  private final TransactionTemplate tx;

  public GenerationAdmissions(
      GenerationStore store,
      GenerationEvents events,
      CreditLedger ledger,
      ObjectMapper json,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.events = events;
    this.ledger = ledger;
    this.json = json;
    this.tx = new TransactionTemplate(transactions);
  }

  /** See {@code CreditsActivities#admit}. */
  public ReserveAnswer admit(Admission admission) {
    AdmittedGeneration first = admission.generations().get(0);
    String userId = first.userId();
    // Rows and holds commit together: one row means an earlier call admitted them all.
    if (store.find(first.generationId()).isPresent()) {
      return ReserveAnswer.held(ledger.account(userId).available());
    }
    try {
      tx.executeWithoutResult(t -> admission.generations().forEach(this::write));
    } catch (InsufficientCreditsException e) {
      // The transaction rolled back: what the account has now is what it had before.
      return ReserveAnswer.refused(ledger.account(userId).available());
    }
    return ReserveAnswer.held(ledger.account(userId).available());
  }

  private void write(AdmittedGeneration g) {
    store.insert(new NewGeneration(
        g.generationId(),
        g.userId(),
        g.type().wireName(),
        g.workflowId(),
        parse(g.input()),
        g.cost(),
        g.webhook(),
        g.webhookEvents(),
        g.parentId()));
    events.emit(g.generationId(), GenerationEventType.STATUS, GenerationEvents.status("queued"));
    ledger.reserve(g.generationId(), g.userId(), g.cost(), g.description());
  }

  private JsonNode parse(String input) {
    try {
      return json.readTree(input);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("generation input is not JSON", e);
    }
  }
}
