package dev.cadenza.webhook;

/** A row of {@code webhook_deliveries}. */
public record WebhookDelivery(
    String id,
    String generationId,
    String userId,
    String event,
    String url,
    String status,
    String body,
    int attempts) {

  public boolean pending() {
    return status.equals("pending");
  }
}
