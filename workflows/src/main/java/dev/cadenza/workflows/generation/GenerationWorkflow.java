package dev.cadenza.workflows.generation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;

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
}
