package dev.cadenza.workflows.credits;

import dev.cadenza.workflows.generation.GenerationType;
import java.util.List;

/**
 * One generation of an {@link Admission}: its row (status {@code queued}) and its hold of {@code
 * cost} credits under the generation id.
 *
 * @param input the generation's input as the API stores and shows it, a JSON document
 * @param webhookEvents the events the webhook wants; null for all of them
 * @param parentId the earlier generation this one is built on; null when none
 */
public record AdmittedGeneration(
    String generationId,
    String userId,
    GenerationType type,
    String workflowId,
    String input,
    long cost,
    String webhook,
    List<String> webhookEvents,
    String parentId) {

  /** The hold's description in the ledger, as the API wrote it before: {@code song gen_…}. */
  public String description() {
    return type.wireName() + " " + generationId;
  }
}
