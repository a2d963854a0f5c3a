package dev.cadenza.generation;

import dev.cadenza.workflows.generation.StepState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How generations end, for dashboards: {@code cadenza_generations_total{type,status}} counts
 * terminal statuses; {@code cadenza_generation_duration_seconds{type,status}} is the end-to-end
 * time from the request to the end; {@code cadenza_generation_step_duration_seconds
 * {type,step,status}} is each step's time as the workflow saw it (queueing and retries included).
 * Histograms have Prometheus buckets. Each process counts the endings it wrote (the worker those
 * of workflows, the API those it closed itself), and only the write that closed the generation
 * reports it, so a generation counts once across processes.
 */
@Component
public class GenerationMetrics {
  private static final Logger log = LoggerFactory.getLogger(GenerationMetrics.class);

  private final MeterRegistry registry;

  public GenerationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * A generation has just reached its terminal status.
   *
   * @param steps the steps as the workflow reported them (empty when it did not)
   */
  public void ended(Generation generation, List<StepState> steps) {
    try {
      record(generation, steps);
    } catch (RuntimeException e) {
      // Measuring must never fail the write it measures.
      log.warn("Generation {} not measured: {}", generation.id(), e.toString());
    }
  }

  private void record(Generation generation, List<StepState> steps) {
    String type = generation.type();
    String status = generation.status().dbValue();
    Counter.builder("cadenza.generations")
        .description("Generations that ended, by type and terminal status")
        .tag("type", type)
        .tag("status", status)
        .register(registry)
        .increment();
    if (generation.createdAt() != null && generation.completedAt() != null) {
      Timer.builder("cadenza.generation.duration")
          .description("Time from the request to the end of a generation")
          .tag("type", type)
          .tag("status", status)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(100))
          .maximumExpectedValue(Duration.ofHours(1))
          .register(registry)
          .record(Duration.between(generation.createdAt(), generation.completedAt()));
    }
    for (StepState step : steps) {
      if (step.startedAt() == null || step.completedAt() == null) {
        continue; // skipped or never started
      }
      Timer.builder("cadenza.generation.step.duration")
          .description("Time of one step of a generation, retries and queueing included")
          .tag("type", type)
          .tag("step", step.name())
          .tag("status", step.status().name().toLowerCase())
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofMinutes(30))
          .register(registry)
          .record(Duration.between(step.startedAt(), step.completedAt()));
    }
  }
}
