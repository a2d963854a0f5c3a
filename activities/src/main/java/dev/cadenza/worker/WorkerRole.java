package dev.cadenza.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A process's role: the task queues it polls, by their role names ({@code
 * APP_WORKER_QUEUES=workflows,gpu,llm,io}, the default; {@code none} for an API-only process).
 */
@ConfigurationProperties("app.worker")
record WorkerRole(List<String> queues) {
  static final String NONE = "none";

  WorkerRole {
    queues = queues == null ? List.of() : List.copyOf(queues);
  }

  /** The names chosen, each once, in the given order; a name no queue has is refused. */
  Set<String> chosen(Set<String> known) {
    Set<String> chosen = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String raw : queues) {
      String name = raw.strip();
      if (name.isEmpty() || name.equals(NONE)) {
        continue;
      }
      (known.contains(name) ? chosen : unknown).add(name);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("APP_WORKER_QUEUES (app.worker.queues) names " + unknown
          + ", which are not task queues; choose among " + known + ", or " + NONE
          + " for an API-only process");
    }
    return chosen;
  }
}
