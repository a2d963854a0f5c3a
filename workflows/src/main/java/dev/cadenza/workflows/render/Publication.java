package dev.cadenza.workflows.render;

/**
 * How sending a render to one target went.
 *
 * @param status {@code delivered} or {@code failed}
 * @param responseStatus the target's last HTTP status, null when it never answered
 * @param error why it failed, null when delivered
 */
public record Publication(
    String platform, String url, String status, Integer responseStatus, String error) {

  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";

  public static Publication delivered(PublishTarget target, int responseStatus) {
    return new Publication(target.platform(), target.url(), DELIVERED, responseStatus, null);
  }

  public static Publication failed(PublishTarget target, String error) {
    return new Publication(target.platform(), target.url(), FAILED, null, error);
  }
}
