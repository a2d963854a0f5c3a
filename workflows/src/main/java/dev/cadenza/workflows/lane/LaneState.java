package dev.cadenza.workflows.lane;

import java.util.List;

/**
 * What a lane holds: the generations running now and those waiting, in the order they will
 * start. Carried across continue-as-new and answered to the {@code state} query.
 */
public record LaneState(
    String userId, int limit, List<LaneTicket> running, List<LaneTicket> waiting) {

  public static LaneState empty(String userId, int limit) {
    return new LaneState(userId, limit, List.of(), List.of());
  }
}
