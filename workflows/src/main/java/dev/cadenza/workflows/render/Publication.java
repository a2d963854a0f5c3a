package dev.cadenza.workflows.render;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How sending a render to one target went, or where it stands.
 *
 * @param status {@code scheduled} (waits for {@code at}), {@code delivered}, {@code failed} or
 *     {@code canceled} (a scheduled one the user called off)
 * @param responseStatus the target's last HTTP status, null when it never answered
 * @param error why it failed, null otherwise
 * @param at the time a scheduled target was due; absent for one sent at once
 */
public record Publication(
    String platform,
    String url,
    String status,
    Integer responseStatus,
    String error,
    @JsonInclude(JsonInclude.Include.NON_NULL) String at) {

  public static final String SCHEDULED = "scheduled";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";
  public static final String CANCELED = "canceled";

  public static Publication delivered(PublishTarget target, int responseStatus) {
    return new Publication(
        target.platform(), target.url(), DELIVERED, responseStatus, null, target.at());
  }

  public static Publication failed(PublishTarget target, String error) {
    return new Publication(target.platform(), target.url(), FAILED, null, error, target.at());
  }

  public static Publication scheduled(PublishTarget target) {
    return new Publication(target.platform(), target.url(), SCHEDULED, null, null, target.at());
  }

  public static Publication canceled(PublishTarget target) {
    return new Publication(target.platform(), target.url(), CANCELED, null, null, target.at());
  }

  public boolean is(String status) {
    return this.status.equals(status);
  }
}
