package dev.cadenza.api.problem;

import org.springframework.http.HttpStatus;

/** The request body is larger than the API accepts: 413 {@code PAYLOAD_TOO_LARGE}. */
public class PayloadTooLargeException extends ApiException {
  public PayloadTooLargeException(long limitBytes) {
    super(
        HttpStatus.PAYLOAD_TOO_LARGE,
        ProblemCode.PAYLOAD_TOO_LARGE,
        "The request body is larger than " + limitBytes + " bytes.");
  }
}
