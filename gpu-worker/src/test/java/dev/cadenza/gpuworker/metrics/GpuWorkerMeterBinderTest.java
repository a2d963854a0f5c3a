package dev.cadenza.gpuworker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.JobEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The binder's meters read the live counters of a real worker. */
class GpuWorkerMeterBinderTest {

  private static final String WORKER = "meter-test";

  private final MeteredWorker worker = new MeteredWorker(WORKER);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void stop() throws InterruptedException {
    worker.close();
    registry.close();
  }

  @Test
  void registersEveryMeterPerModelWithWorkerAndModelTags() {
    new GpuWorkerMeterBinder(worker.server::metrics).bindTo(registry);

    for (String model : new String[] {"gate", "text"}) {
      for (String gauge :
          new String[] {"cadenza.gpu.queue.depth", "cadenza.gpu.slots.busy", "cadenza.gpu.slots"}) {
        assertThat(registry.find(gauge).tags("worker", WORKER, "model", model).gauge())
            .as("%s{model=%s}", gauge, model)
            .isNotNull();
      }
      for (String counter : new String[] {
        "cadenza.gpu.jobs.executed",
        "cadenza.gpu.jobs.reattached",
        "cadenza.gpu.jobs.completed",
        "cadenza.gpu.jobs.failed",
        "cadenza.gpu.jobs.canceled",
        "cadenza.gpu.seconds"
      }) {
        assertThat(registry.find(counter).tags("worker", WORKER, "model", model).functionCounter())
            .as("%s{model=%s}", counter, model)
            .isNotNull();
      }
    }
    assertThat(registry.getMeters()).hasSize(2 * 9);
    assertThat(registry.getMeters())
        .map(Meter::getId)
        .map(id -> id.getTag("worker"))
        .containsOnly(WORKER);
    assertThat(gauge("cadenza.gpu.slots", "text")).isEqualTo(2);
    assertThat(gauge("cadenza.gpu.slots", "gate")).isEqualTo(1);
    assertThat(counter("cadenza.gpu.jobs.executed", "text")).isZero();
  }

  @Test
  void valuesFollowTheWorkerAfterJobsRan() throws Exception {
    // Bound before any job ran: every value below is read at the time of the assertion.
    new GpuWorkerMeterBinder(worker.server::metrics).bindTo(registry);

    assertThat(worker.run(MeteredWorker.titleJob("m-1")).hasCompleted()).isTrue();
    assertThat(worker.run(MeteredWorker.titleJob("m-2")).hasCompleted()).isTrue();
    JobEvent again = worker.run(MeteredWorker.titleJob("m-1"));
    assertThat(again.hasCompleted() && again.getReplayed()).as("re-attached").isTrue();
    JobEvent invalid = worker.run(MeteredWorker.request("m-bad", "text", "task", "sonnet"));
    assertThat(invalid.getFailed().getCode()).isEqualTo("INVALID_INPUT");

    assertThat(counter("cadenza.gpu.jobs.executed", "text")).isEqualTo(2);
    assertThat(counter("cadenza.gpu.jobs.completed", "text")).isEqualTo(2);
    assertThat(counter("cadenza.gpu.jobs.reattached", "text")).isEqualTo(1);
    assertThat(counter("cadenza.gpu.jobs.failed", "text")).isEqualTo(1);
    assertThat(counter("cadenza.gpu.jobs.canceled", "text")).isZero();
    assertThat(counter("cadenza.gpu.seconds", "text"))
        .isPositive()
        .isEqualTo(worker.server.metrics().model("text").gpuSeconds());
    assertThat(gauge("cadenza.gpu.slots.busy", "text")).isZero();
    assertThat(gauge("cadenza.gpu.queue.depth", "text")).isZero();

    // One gate job holds the only slot, a second waits, a third is canceled while waiting.
    CompletableFuture<JobEvent> running = worker.submit(MeteredWorker.request("g-1", "gate"));
    eventually(() -> gauge("cadenza.gpu.slots.busy", "gate") == 1);
    CompletableFuture<JobEvent> waiting = worker.submit(MeteredWorker.request("g-2", "gate"));
    CompletableFuture<JobEvent> canceled = worker.submit(MeteredWorker.request("g-3", "gate"));
    eventually(() -> gauge("cadenza.gpu.queue.depth", "gate") == 2);
    assertThat(worker.cancel("g-3")).isTrue();
    assertThat(canceled.get(10, TimeUnit.SECONDS).hasCanceled()).isTrue();

    assertThat(gauge("cadenza.gpu.slots.busy", "gate")).isEqualTo(1);
    assertThat(gauge("cadenza.gpu.queue.depth", "gate")).isEqualTo(1);
    assertThat(counter("cadenza.gpu.jobs.executed", "gate")).isEqualTo(1);
    assertThat(counter("cadenza.gpu.jobs.canceled", "gate")).isEqualTo(1);

    worker.openGate();
    assertThat(running.get(10, TimeUnit.SECONDS).hasCompleted()).isTrue();
    assertThat(waiting.get(10, TimeUnit.SECONDS).hasCompleted()).isTrue();
    eventually(() -> counter("cadenza.gpu.jobs.completed", "gate") == 2);
    assertThat(counter("cadenza.gpu.jobs.executed", "gate")).isEqualTo(2);
    assertThat(gauge("cadenza.gpu.slots.busy", "gate")).isZero();
    assertThat(gauge("cadenza.gpu.queue.depth", "gate")).isZero();
    assertThat(counter("cadenza.gpu.seconds", "gate")).isPositive();
  }

  @Test
  void metersOutliveTheBinderThatRegisteredThem() {
    new GpuWorkerMeterBinder(worker.server::metrics).bindTo(registry);
    // The counters hold their state weakly; the gauges must keep it reachable.
    System.gc();
    System.gc();

    assertThat(worker.run(MeteredWorker.titleJob("gc-1")).hasCompleted()).isTrue();

    assertThat(counter("cadenza.gpu.jobs.executed", "text")).isEqualTo(1);
  }

  /** Polls {@code condition} every 10 ms for up to 10 s. */
  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private double gauge(String name, String model) {
    Gauge gauge = registry.get(name).tags("worker", WORKER, "model", model).gauge();
    return gauge.value();
  }

  private double counter(String name, String model) {
    FunctionCounter counter =
        registry.get(name).tags("worker", WORKER, "model", model).functionCounter();
    return counter.count();
  }
}
