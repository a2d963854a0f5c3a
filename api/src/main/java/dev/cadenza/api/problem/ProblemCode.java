package dev.cadenza.api.problem;

/**
 * The stable {@code code} values of problem responses. Clients branch on these, so a value once
 * published is never renamed; new ones may be added.
 */
public final class ProblemCode {
  /** A request body or parameter breaks a rule; the problem lists {@code errors}. */
  public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
  /** The body is not JSON, or not the JSON shape the endpoint reads. */
  public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
  /** A query, path or header parameter cannot be converted to its type. */
  public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
  /** A required query parameter, header or part is absent. */
  public static final String MISSING_PARAMETER = "MISSING_PARAMETER";
  /** A paging cursor that this API did not hand out. */
  public static final String INVALID_CURSOR = "INVALID_CURSOR";

  public static final String UNAUTHORIZED = "UNAUTHORIZED";
  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
  public static final String CONFLICT = "CONFLICT";
  public static final String NOT_CANCELABLE = "NOT_CANCELABLE";
  /** A retry of a generation that has not failed or been canceled. */
  public static final String NOT_RETRYABLE = "NOT_RETRYABLE";
  /** A publish or unpublish of a generation that has not succeeded. */
  public static final String NOT_PUBLISHABLE = "NOT_PUBLISHABLE";
  /** A refund of a generation that spent nothing (it failed, was canceled or still runs). */
  public static final String NOT_REFUNDABLE = "NOT_REFUNDABLE";
  /** A refund of a generation that has been refunded before. */
  public static final String ALREADY_REFUNDED = "ALREADY_REFUNDED";
  /** A refund larger than what the user has spent: it would create credits. */
  public static final String REFUND_EXCEEDS_SPENDING = "REFUND_EXCEEDS_SPENDING";

  /** A {@code Range} header outside the file. */
  public static final String RANGE_NOT_SATISFIABLE = "RANGE_NOT_SATISFIABLE";

  public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
  public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
  public static final String INSUFFICIENT_CREDITS = "INSUFFICIENT_CREDITS";
  public static final String RATE_LIMITED = "RATE_LIMITED";
  public static final String INTERNAL = "INTERNAL";
  public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

  /** The code for a status when nothing more specific is known. */
  public static String forStatus(int status) {
    return switch (status) {
      case 400 -> MALFORMED_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 402 -> INSUFFICIENT_CREDITS;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 416 -> RANGE_NOT_SATISFIABLE;
      case 422 -> VALIDATION_FAILED;
      case 429 -> RATE_LIMITED;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    };
  }

  private ProblemCode() {}
}
