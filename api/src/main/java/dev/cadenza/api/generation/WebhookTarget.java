package dev.cadenza.api.generation;

import dev.cadenza.api.problem.FieldProblem;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** Checks the webhook fields of a request (delivery is the webhooks feature's job). */
final class WebhookTarget {
  static final Set<String> EVENTS =
      Set.of("started", "progress", "completed", "failed", "canceled");

  static void check(String webhook, List<String> events, List<FieldProblem> problems) {
    if (webhook != null) {
      try {
        URI uri = new URI(webhook);
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
            || uri.getHost() == null
            || webhook.length() > 2000) {
          problems.add(
              new FieldProblem("webhook", "must be an http(s) URL of at most 2000 characters"));
        }
      } catch (Exception e) {
        problems.add(new FieldProblem("webhook", "must be an http(s) URL"));
      }
    }
    if (events != null) {
      for (String event : events) {
        if (event == null || !EVENTS.contains(event)) {
          problems.add(
              new FieldProblem("webhookEvents", "must contain only " + String.join(", ", EVENTS)));
          break;
        }
      }
    }
  }

  private WebhookTarget() {}
}
