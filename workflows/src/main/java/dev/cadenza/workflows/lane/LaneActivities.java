package dev.cadenza.workflows.lane;

import io.temporal.activity.ActivityInterface;

/** Run as a local activity: a workflow cannot signal-with-start another workflow itself. */
@ActivityInterface
public interface LaneActivities {

  /** Signals the user's lane with the ticket, starting the lane if it is not running. */
  void joinLane(String userId, LaneTicket ticket);
}
