package dev.cadenza.workflows.generation;

import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.ReserveAnswer;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;

/** What every generation workflow answers, whatever its type. */
public interface GenerationWorkflow {

  /** Query name the API uses without knowing the workflow type. */
  String STEPS_QUERY = "steps";

  /** The steps with their status and times, as they stand now. */
  @QueryMethod(name = STEPS_QUERY)
  StepsSnapshot steps();

  /** Signal a user's lane sends when this generation may start. */
  String LANE_GRANTED = "laneGranted";

  @SignalMethod(name = LANE_GRANTED)
  void laneGranted();

  /** Update the API sends with the start (Update-With-Start) and answers the request from. */
  String RESERVE_UPDATE = "reserve";

  /**
   * Writes the generation's row and holds its cost (the only writer of a new hold), answering
   * held or not; a workflow whose hold was refused ends at once. See {@link
   * dev.cadenza.workflows.credits.ReserveUpdate}.
   */
  @UpdateMethod(name = RESERVE_UPDATE)
  ReserveAnswer reserve(Admission admission);
}
