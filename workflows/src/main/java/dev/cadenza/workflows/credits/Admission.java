package dev.cadenza.workflows.credits;

import java.util.List;

/**
 * The argument of a workflow's {@code reserve} update: the generations the API has checked and
 * priced, whose rows and holds the update writes together, all or nothing (one for {@code POST
 * /v1/generations}, up to eight for a batch).
 */
public record Admission(List<AdmittedGeneration> generations) {

  /** The total the user must be able to afford. */
  public long total() {
    return generations.stream().mapToLong(AdmittedGeneration::cost).sum();
  }
}
