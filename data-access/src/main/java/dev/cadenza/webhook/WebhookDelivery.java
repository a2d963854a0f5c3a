package dev.cadenza.webhook;

/**
 * A row of {@code webhook_deliveries}.
 *
 * @param eventId the id of the event it announces: grows with every event of the generation, so
 *     it is the message's sequence number
 */
public record WebhookDelivery(
    String id,
    String generationId,
    String userId,
    String event,
    String url,
    String status,
    String body,
    int attempts,
    long eventId) {

  public boolean pending() {
    return status.equals("pending");
  }
}
