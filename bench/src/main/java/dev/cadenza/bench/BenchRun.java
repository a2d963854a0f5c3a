package dev.cadenza.bench;

import static dev.cadenza.bench.BenchMain.log;

import dev.cadenza.bench.stack.ManagedProcess;
import dev.cadenza.bench.stack.Stack;
import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** One run: users, warm-up, the measured scenario with its faults, then the figures. */
final class BenchRun {
  private static final Duration POLL = Duration.ofMillis(500);

  private final BenchOptions options;
  private final Stack stack;
  private final ModelTimes modelTimes;
  private final LedgerCheck ledger;
  private final Set<String> allIds = new LinkedHashSet<>();

  BenchRun(BenchOptions options, Stack stack) {
    this.options = options;
    this.stack = stack;
    this.modelTimes = new ModelTimes(options.simulatedSeconds(), options.jitter());
    this.ledger = new LedgerCheck(stack.database());
  }

  Map<String, Object> run() throws InterruptedException {
    try (CadenzaClient client = new CadenzaClient(stack.baseUrl())) {
      List<CadenzaClient.User> users = createUsers(client);
      Submitter submitter = new Submitter(client, users, options);
      if (options.warmup() > 0) {
        log("warm-up: %d generations", options.warmup());
        long[] offsets = new long[options.warmup()];
        Arrays.setAll(offsets, i -> i * 100_000_000L); // 10 per second
        List<Submission> warm = submitter.run(offsets, 1_000_000);
        if (options.cancelAfterSubmit()) {
          cancelAll(client, users, warm);
        }
        awaitDone(accepted(warm), options.timeout());
      }

      String loadBefore = MachineLoad.loadAverage();
      double machineBefore = MachineLoad.machineBusySeconds();
      double serviceBefore = serviceCpu();
      double postgresBefore = stack.postgresCpuSeconds();
      double benchBefore = MachineLoad.benchCpuSeconds();
      long wallStart = System.nanoTime();
      List<CrashInjector> injectors = new ArrayList<>();
      List<Submission> submissions;
      int unfinished;
      try (MetricsSampler sampler = new MetricsSampler(stack.gpuMetrics(), options.sampleEvery())) {
        sampler.sampleOnce();
        sampler.start();
        if (options.gpuCrashEvery() != null) {
          injectors.add(new CrashInjector(
                  "gpu-worker",
                  stack.processes("gpu-worker"),
                  options.gpuCrashEvery(),
                  options.restartAfter())
              .start());
        }
        if (options.activityCrashEvery() != null) {
          injectors.add(new CrashInjector(
                  "activity-worker",
                  stack.processes("activity-worker"),
                  options.activityCrashEvery(),
                  options.restartAfter())
              .start());
        }
        log("%s: %d generations", options.scenario().name().toLowerCase(), options.count());
        submissions = submitter.run(options.scenario().offsetsNanos(options), 0);
        double submitSeconds = (System.nanoTime() - wallStart) / 1e9;
        log("submitted in %.1f s; waiting for completion", submitSeconds);
        Map<String, Object> cancels =
            options.cancelAfterSubmit() ? cancelAll(client, users, submissions) : null;
        unfinished = awaitDone(accepted(submissions), options.timeout());
        injectors.forEach(CrashInjector::close);
        if (!injectors.isEmpty()) {
          unfinished = awaitDone(accepted(submissions), Duration.ofMinutes(3));
        }
        sampler.sampleOnce();
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", MachineLoad.cores());
        machine.put("loadAverageBefore", loadBefore);
        machine.put("loadAverageAfter", MachineLoad.loadAverage());
        double machineBusy = MachineLoad.machineBusySeconds() - machineBefore;
        double serviceBusy = serviceCpu() - serviceBefore;
        double benchBusy = MachineLoad.benchCpuSeconds() - benchBefore;
        machine.put("busyCores", machineBusy / wallSeconds);
        machine.put("serviceBusyCores", serviceBusy / wallSeconds);
        machine.put(
            "postgresBusyCores", (stack.postgresCpuSeconds() - postgresBefore) / wallSeconds);
        machine.put("benchBusyCores", benchBusy / wallSeconds);
        machine.put("otherBusyCores", (machineBusy - serviceBusy - benchBusy) / wallSeconds);
        machine.put(
            "serviceCpuSecondsPerGeneration",
            serviceBusy / Math.max(1, accepted(submissions).size()));

        log("collecting outcomes");
        List<Outcome> outcomes = outcomes(client, users, submissions);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("options", options.describe());
        report.put("machine", machine);
        report.put("wallSeconds", wallSeconds);
        report.put("submitSeconds", submitSeconds);
        report.putAll(Figures.submit(submissions, submitSeconds));
        if (cancels != null) {
          report.put("cancel", cancels);
        }
        report.putAll(Figures.outcomes(outcomes, unfinished));
        report.put("gpu", gpu(outcomes, sampler));
        report.put("faults", faults(outcomes, injectors));
        log("auditing the ledger");
        report.put("ledger", ledger.audit(allIds));
        return Figures.rounded(report);
      }
    }
  }

  private List<CadenzaClient.User> createUsers(CadenzaClient client) {
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<CadenzaClient.User> users = new ArrayList<>();
    for (int i = 0; i < options.users(); i++) {
      users.add(client.createUser(
          stack.adminKey(),
          "bench-" + run + "-" + i + "@example.com",
          options.credits(),
          options.maxConcurrent()));
    }
    return users;
  }

  private List<String> accepted(List<Submission> submissions) {
    List<String> ids =
        submissions.stream().filter(Submission::accepted).map(Submission::id).toList();
    synchronized (allIds) {
      allIds.addAll(ids);
    }
    return ids;
  }

  /** Polls the database until none of these is queued or running; returns how many still are. */
  private int awaitDone(List<String> ids, Duration timeout) throws InterruptedException {
    if (ids.isEmpty()) {
      return 0;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastLog = 0;
    while (true) {
      int open = ledger.open(ids);
      if (open == 0 || System.nanoTime() > deadline) {
        if (open > 0) {
          log("timeout: %d of %d generations still open", open, ids.size());
        }
        return open;
      }
      if (System.nanoTime() - lastLog > 10_000_000_000L) {
        log("%d of %d generations open", open, ids.size());
        lastLog = System.nanoTime();
      }
      Thread.sleep(POLL);
    }
  }

  /** Every accepted generation as the API shows it, fetched after the run. */
  private List<Outcome> outcomes(
      CadenzaClient client, List<CadenzaClient.User> users, List<Submission> submissions)
      throws InterruptedException {
    Map<Integer, Outcome> byIndex = new ConcurrentHashMap<>();
    Fanout.eachAccepted(
        submissions,
        s -> byIndex.put(
            s.index(),
            Outcome.of(s, client.generation(users.get(s.user()).apiKey(), s.id()), modelTimes)));
    return new TreeMap<>(byIndex).values().stream().toList();
  }

  /** Cancels every accepted generation; the answers and their latency. */
  private Map<String, Object> cancelAll(
      CadenzaClient client, List<CadenzaClient.User> users, List<Submission> submissions)
      throws InterruptedException {
    log("canceling every generation");
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<Double> latency = Collections.synchronizedList(new ArrayList<>());
    Fanout.eachAccepted(submissions, s -> {
      long start = System.nanoTime();
      statuses.merge(client.cancel(users.get(s.user()).apiKey(), s.id()), 1, Integer::sum);
      latency.add((System.nanoTime() - start) / 1e6);
    });
    Map<String, Object> cancels = new LinkedHashMap<>();
    cancels.put("answers", new TreeMap<>(statuses));
    cancels.put("latencyMs", Figures.stats(latency));
    return cancels;
  }

  private Map<String, Object> gpu(List<Outcome> outcomes, MetricsSampler sampler) {
    Set<String> measured = outcomes.stream().map(Outcome::id).collect(Collectors.toSet());
    Set<String> succeeded = outcomes.stream()
        .filter(Outcome::succeeded)
        .map(Outcome::id)
        .collect(Collectors.toCollection(HashSet::new));
    Map<String, Object> gpu = new LinkedHashMap<>();
    List<ManagedProcess.Lifetime> logs = stack.gpuLogs();
    if (logs.isEmpty()) {
      gpu.put("fromLogs", "no GPU worker logs (mode=attach without gpuLogs=): no per-job figures");
    } else {
      GpuWorkerConfig slots =
          GpuWorkerEnvironment.read(Map.of("GPU_WORKER_SLOTS", options.slots()));
      gpu.putAll(GpuFigures.of(
          GpuJobLog.read(logs), measured, succeeded, logs, slots::slotsFor, Instant.now()));
    }
    gpu.put("metrics", sampler.report());
    return gpu;
  }

  private Map<String, Object> faults(List<Outcome> outcomes, List<CrashInjector> injectors) {
    Map<String, Object> faults = new LinkedHashMap<>();
    faults.put("storageErrorRate", options.storageFaults());
    faults.put("llmErrorRate", options.llmFaults());
    List<CrashInjector.Crash> crashes =
        injectors.stream().flatMap(i -> i.crashes().stream()).toList();
    faults.put("crashes", crashes.size());
    faults.put(
        "crashLog",
        crashes.stream()
            .map(c -> c.process() + " killed " + c.killed() + ", up again " + c.restarted())
            .toList());
    faults.put("stepRetries", outcomes.stream().mapToInt(Outcome::retries).sum());
    return faults;
  }

  private double serviceCpu() {
    return stack.processes().stream().mapToDouble(ManagedProcess::cpuSeconds).sum()
        + stack.postgresCpuSeconds();
  }
}
