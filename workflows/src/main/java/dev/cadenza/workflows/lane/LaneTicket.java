package dev.cadenza.workflows.lane;

/**
 * One generation's place in its user's lane. {@code submittedAtMillis} (the generation
 * workflow's start time) orders the waiting ones, so they run in submission order whatever order
 * their tickets arrive in. {@code limit} is the user's concurrency setting when the generation
 * was submitted; the newest ticket's limit applies.
 */
public record LaneTicket(
    String generationId, String workflowId, long submittedAtMillis, int limit) {}
