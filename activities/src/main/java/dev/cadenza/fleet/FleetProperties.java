package dev.cadenza.fleet;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the GPU workers are and how long calls to them may take ({@code app.gpu.*}).
 *
 * @param addresses {@code host:port} of each worker; empty means "use the embedded worker"
 * @param callDeadline deadline of one {@code SubmitJob} stream: the longest a caller follows one
 *     job before giving up (the job itself goes on, and a retry re-attaches). Default 30 min.
 * @param unaryDeadline deadline of {@code GetCapabilities} and {@code CancelJob}. Default 5 s.
 */
@ConfigurationProperties(prefix = "app.gpu")
public record FleetProperties(
    List<String> addresses, Duration callDeadline, Duration unaryDeadline) {

  public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_UNARY_DEADLINE = Duration.ofSeconds(5);

  public FleetProperties {
    // Entries come from a comma-separated environment variable, so stray blanks are common.
    addresses = addresses == null
        ? List.of()
        : addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    callDeadline = positiveOr(callDeadline, DEFAULT_CALL_DEADLINE, "callDeadline");
    unaryDeadline = positiveOr(unaryDeadline, DEFAULT_UNARY_DEADLINE, "unaryDeadline");
  }

  private static Duration positiveOr(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("app.gpu." + name + " must be positive, was " + value);
    }
    return value;
  }
}
