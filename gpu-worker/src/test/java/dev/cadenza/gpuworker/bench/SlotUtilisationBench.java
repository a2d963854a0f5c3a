package dev.cadenza.gpuworker.bench;

// Run from the repository root (JDK 21+ on JAVA_HOME; works offline):
//
//   ./mvnw -o -q -pl gpu-worker test-compile dependency:build-classpath \
//       -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
//   java -cp gpu-worker/target/test-classes:gpu-worker/target/classes:$(cat
// gpu-worker/target/bench.classpath) \
//       dev.cadenza.gpuworker.bench.SlotUtilisationBench jobs=40 seconds=2
//
// (exec:java is not usable offline here: exec-maven-plugin's parent POM is not in the local
// repository. With it downloaded: ./mvnw -q -pl gpu-worker test-compile exec:java
// -Dexec.mainClass=dev.cadenza.gpuworker.bench.SlotUtilisationBench -Dexec.classpathScope=test
// -Dexec.args="jobs=40 seconds=2".)
//
// Arguments, all optional, name=value: jobs=40, seconds=2 (simulated model time per job),
// workers=2, slots=2 (per worker), model=audio (1 s clips; or text), audioSeconds=1, clients=8
// (concurrent submitters, each with its own channel to every worker), placement=round-robin (or
// least-loaded: fewest jobs in flight from here), sampleMillis=20, warmup=true, warmupProbes=200
// (submit/Started/cancel round trips that warm the path up and measure idle admission),
// log=warn. The JSON report goes to stdout, logs to stderr; exit status 2 when a job did not
// complete.

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.gpuworker.ModelMetrics;
import dev.cadenza.proto.gpu.v1.CancelJobRequest;
import dev.cadenza.proto.gpu.v1.CapabilitiesRequest;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How busy a fleet's slots stay while work waits: starts {@code workers} GPU workers in this
 * process (each on its own port, {@code slots} slots of one model, a simulated model time per
 * job), submits {@code jobs} jobs over real gRPC from {@code clients} concurrent clients spread
 * over the workers, follows every stream to its end and prints a JSON report.
 *
 * <p>The figure of merit is {@code utilisation = busy slot time / (slots x queued window)}, where
 * the queued window runs from the first submission until the last job started (while it lasts,
 * some job is waiting, so an idle slot is lost capacity) and a job holds its slot from the
 * client's receipt of its {@code Started} event for the {@code gpu_seconds} its {@code Completed}
 * event reports (the worker's own measure of the slot time; the {@code Completed} event itself
 * arrives a few ms after the slot was freed, once the job's last output chunk has drained, so
 * using its receipt time would overstate busy time: reported as {@code
 * utilisationClientSeenEnds}). The same ratio from sampling the workers' {@code busySlots} every
 * {@code sampleMillis} is the cross-check ({@code utilisationSampled}). {@code lostInWindow}
 * says where the missing slot time went: the ramp (first submission until each slot first started
 * a job) and the hand-offs (a slot freed until its next job started).
 */
public final class SlotUtilisationBench {

  static final double TARGET = 0.97;

  private SlotUtilisationBench() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    quietLogging(options.log);
    Map<String, Object> report = new Bench(options).run();
    System.out.println(Json.write(report));
    System.out.flush();
    // Non-zero when a job did not complete; also ends exec:java's wait for stray threads.
    System.exit(((Number) report.get("failed")).intValue() == 0 ? 0 : 2);
  }

  /** Bench parameters, {@code name=value} on the command line. */
  record Options(
      int jobs,
      double seconds,
      int workers,
      int slots,
      String model,
      int audioSeconds,
      int clients,
      String placement,
      long sampleMillis,
      boolean warmup,
      int warmupProbes,
      String log) {

    static Options parse(String[] args) {
      Map<String, String> given = new TreeMap<>();
      for (String arg : args) {
        for (String part : arg.trim().split("\\s+")) {
          if (part.isEmpty()) {
            continue;
          }
          String[] kv = part.split("=", 2);
          if (kv.length != 2) {
            throw new IllegalArgumentException("expected name=value, was " + part);
          }
          given.put(kv[0], kv[1]);
        }
      }
      Options options = new Options(
          Integer.parseInt(given.getOrDefault("jobs", "40")),
          Double.parseDouble(given.getOrDefault("seconds", "2")),
          Integer.parseInt(given.getOrDefault("workers", "2")),
          Integer.parseInt(given.getOrDefault("slots", "2")),
          given.getOrDefault("model", "audio"),
          Integer.parseInt(given.getOrDefault("audioSeconds", "1")),
          Integer.parseInt(given.getOrDefault("clients", "8")),
          given.getOrDefault("placement", "round-robin"),
          Long.parseLong(given.getOrDefault("sampleMillis", "20")),
          Boolean.parseBoolean(given.getOrDefault("warmup", "true")),
          Integer.parseInt(given.getOrDefault("warmupProbes", "200")),
          given.getOrDefault("log", "warn"));
      List<String> known = List.of(
          "jobs",
          "seconds",
          "workers",
          "slots",
          "model",
          "audioSeconds",
          "clients",
          "placement",
          "sampleMillis",
          "warmup",
          "warmupProbes",
          "log");
      for (String name : given.keySet()) {
        if (!known.contains(name)) {
          throw new IllegalArgumentException("unknown argument " + name + "; known: " + known);
        }
      }
      if (!options.placement.equals("round-robin") && !options.placement.equals("least-loaded")) {
        throw new IllegalArgumentException("placement must be round-robin or least-loaded");
      }
      if (!options.model.equals("audio") && !options.model.equals("text")) {
        throw new IllegalArgumentException("model must be audio or text");
      }
      return options;
    }
  }

  /** What one client saw of one job; times are System.nanoTime() at receipt. */
  static final class Trace {
    final String jobId;
    final int worker;
    final CountDownLatch done = new CountDownLatch(1);
    volatile long submitted;
    volatile long firstEvent;
    volatile long started;
    volatile long ended;
    volatile int slot = -1;
    volatile String startedOn = "";
    volatile String outcome = "none";
    volatile double gpuSeconds;

    Trace(String jobId, int worker) {
      this.jobId = jobId;
      this.worker = worker;
    }

    boolean completed() {
      return outcome.equals("completed");
    }

    /** When the worker freed the slot: Started plus the slot time Completed reports. */
    long slotEnd() {
      return started + Math.round(gpuSeconds * 1e9);
    }
  }

  /** One sample of the fleet: busy slots and queue depth summed over the workers. */
  record Sample(long nanos, int busy, int queued) {}

  static final class Bench {
    private final Options o;
    private final List<GpuWorkerServer> servers = new ArrayList<>();
    // channels[client][worker]
    private final List<List<ManagedChannel>> channels = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final AtomicInteger[] outstanding;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private volatile boolean sampling = true;
    private List<Double> idleAdmission = List.of();

    Bench(Options options) {
      this.o = options;
      this.outstanding = new AtomicInteger[options.workers];
      for (int i = 0; i < options.workers; i++) {
        outstanding[i] = new AtomicInteger();
      }
    }

    Map<String, Object> run() throws Exception {
      try {
        for (int w = 0; w < o.workers; w++) {
          servers.add(new GpuWorkerServer(GpuWorkerConfig.builder()
                  .port(0)
                  .workerId("bench-" + w)
                  .slot("text", 0)
                  .slot("audio", 0)
                  .slot("image", 0)
                  .slot(o.model, o.slots)
                  .simulatedModelTime(Duration.ofNanos(Math.round(o.seconds * 1e9)))
                  .build())
              .start());
        }
        for (int c = 0; c < o.clients; c++) {
          List<ManagedChannel> perWorker = new ArrayList<>();
          for (GpuWorkerServer server : servers) {
            perWorker.add(Grpc.newChannelBuilder(
                    "127.0.0.1:" + server.getPort(), InsecureChannelCredentials.create())
                .build());
          }
          channels.add(perWorker);
        }
        if (o.warmup) {
          warmUp();
        }
        return measure();
      } finally {
        sampling = false;
        for (List<ManagedChannel> perWorker : channels) {
          perWorker.forEach(ManagedChannel::shutdownNow);
        }
        servers.forEach(GpuWorkerServer::stop);
      }
    }

    /**
     * Connects every channel and runs the SubmitJob path once on each (an unknown model), then
     * one real job per worker, so the measured run does not pay for class loading and the
     * runner's first call (a long-running worker has paid for them long before).
     */
    private void warmUp() throws InterruptedException {
      String run = UUID.randomUUID().toString().substring(0, 8);
      int n = 0;
      for (List<ManagedChannel> perWorker : channels) {
        for (ManagedChannel channel : perWorker) {
          GpuWorkerGrpc.newBlockingStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .getCapabilities(CapabilitiesRequest.getDefaultInstance());
          GpuWorkerGrpc.newBlockingStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .submitJob(JobRequest.newBuilder()
                  .setJobId("warmup-" + run + "-" + n++)
                  .setModel("warmup-no-such-model")
                  .build())
              .forEachRemaining(e -> {});
        }
      }
      // Submit, wait for Started, cancel: warms the admission path up (JIT) and measures how
      // long an idle slot takes to start a job, as a client sees it.
      List<Double> latencies = new ArrayList<>();
      for (int k = 0; k < o.warmupProbes; k++) {
        int w = k % o.workers;
        Trace probe = new Trace("warmup-" + run + "-probe-" + k, w);
        outstanding[w].incrementAndGet();
        submit(channels.get(k % o.clients).get(w), probe, 60);
        while (probe.started == 0 && probe.done.getCount() > 0) {
          Thread.sleep(1);
        }
        if (probe.started == 0) {
          throw new IllegalStateException("probe " + probe.jobId + ": " + probe.outcome);
        }
        latencies.add(seconds(probe.started - probe.submitted) * 1000);
        GpuWorkerGrpc.newBlockingStub(channels.get(0).get(w))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .cancelJob(CancelJobRequest.newBuilder().setJobId(probe.jobId).build());
        probe.done.await();
      }
      // The second half: by then the path is compiled.
      idleAdmission = latencies.subList(latencies.size() / 2, latencies.size());
      List<Trace> jobs = new ArrayList<>();
      for (int w = 0; w < o.workers; w++) {
        Trace trace = new Trace("warmup-" + run + "-job-" + w, w);
        outstanding[w].incrementAndGet();
        submit(channels.get(0).get(w), trace, (long) Math.ceil(o.seconds) + 60);
        jobs.add(trace);
      }
      for (Trace trace : jobs) {
        trace.done.await();
        if (!trace.completed()) {
          throw new IllegalStateException("warm-up job " + trace.jobId + ": " + trace.outcome);
        }
      }
    }

    private Map<String, Object> measure() throws Exception {
      String run = UUID.randomUUID().toString().substring(0, 8);
      List<Trace> traces = new ArrayList<>();
      List<List<Integer>> perClient = new ArrayList<>();
      for (int c = 0; c < o.clients; c++) {
        perClient.add(new ArrayList<>());
      }
      for (int i = 0; i < o.jobs; i++) {
        perClient.get(i % o.clients).add(i);
      }
      Trace[] byIndex = new Trace[o.jobs];
      long deadlineSeconds = (long) Math.ceil(o.jobs * o.seconds) + 120;

      Thread sampler = Thread.ofPlatform().name("bench-sampler").daemon().start(this::sample);
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> submitters = new ArrayList<>();
      for (int c = 0; c < o.clients; c++) {
        int client = c;
        submitters.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          for (int i : perClient.get(client)) {
            int worker = chooseWorker();
            Trace trace = new Trace("bench-" + run + "-" + i, worker);
            byIndex[i] = trace;
            submit(channels.get(client).get(worker), trace, deadlineSeconds);
          }
        }));
      }
      Thread.sleep(3L * o.sampleMillis); // a few idle samples before the start
      go.countDown();
      for (Thread submitter : submitters) {
        submitter.join();
      }
      for (Trace trace : byIndex) {
        traces.add(trace);
      }
      for (Trace trace : traces) {
        if (!trace.done.await(deadlineSeconds, TimeUnit.SECONDS)) {
          trace.outcome = "timeout";
        }
      }
      Thread.sleep(3L * o.sampleMillis);
      sampling = false;
      sampler.join();
      return report(traces);
    }

    private int chooseWorker() {
      if (o.placement.equals("round-robin")) {
        int worker = Math.floorMod(roundRobin.getAndIncrement(), o.workers);
        outstanding[worker].incrementAndGet();
        return worker;
      }
      // Least loaded by what this process has in flight on each worker (as the fleet does
      // between capability probes); ties go round the workers.
      synchronized (outstanding) {
        int start = Math.floorMod(roundRobin.getAndIncrement(), o.workers);
        int best = start;
        for (int k = 1; k < o.workers; k++) {
          int w = (start + k) % o.workers;
          if (outstanding[w].get() < outstanding[best].get()) {
            best = w;
          }
        }
        outstanding[best].incrementAndGet();
        return best;
      }
    }

    private void submit(ManagedChannel channel, Trace trace, long deadlineSeconds) {
      JobRequest request = JobRequest.newBuilder()
          .setJobId(trace.jobId)
          .setModel(o.model)
          .setUserId("bench-user-" + (trace.jobId.hashCode() & 7))
          .setInput(input(trace.jobId))
          .build();
      trace.submitted = System.nanoTime();
      GpuWorkerGrpc.newStub(channel)
          .withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)
          .submitJob(request, new StreamObserver<>() {
            @Override
            public void onNext(JobEvent event) {
              long now = System.nanoTime();
              if (trace.firstEvent == 0) {
                trace.firstEvent = now;
              }
              switch (event.getKindCase()) {
                case STARTED -> {
                  trace.started = now;
                  trace.slot = event.getStarted().getSlot();
                  trace.startedOn = event.getStarted().getWorkerId();
                }
                case COMPLETED -> {
                  trace.ended = now;
                  trace.gpuSeconds = event.getCompleted().getGpuSeconds();
                  trace.outcome = "completed";
                }
                case FAILED -> {
                  trace.ended = now;
                  trace.outcome = "failed:" + event.getFailed().getCode();
                }
                case CANCELED -> {
                  trace.ended = now;
                  trace.outcome = "canceled";
                }
                default -> {}
              }
            }

            @Override
            public void onError(Throwable t) {
              trace.outcome =
                  "error:" + (t instanceof StatusRuntimeException s ? s.getStatus() : t);
              finished();
            }

            @Override
            public void onCompleted() {
              finished();
            }

            private void finished() {
              outstanding[trace.worker].decrementAndGet();
              trace.done.countDown();
            }
          });
    }

    private Struct input(String jobId) {
      Struct.Builder input = Struct.newBuilder();
      if (o.model.equals("audio")) {
        input.putFields("prompt", text("lo-fi, melancholic, piano, 76 bpm, A minor"));
        input.putFields("lyrics", text("[instrumental]"));
        input.putFields(
            "durationSeconds", Value.newBuilder().setNumberValue(o.audioSeconds).build());
        input.putFields(
            "seed", Value.newBuilder().setNumberValue(jobId.hashCode() & 0xffff).build());
      } else {
        input.putFields("task", text("title"));
        input.putFields("description", text("a lo-fi song about rain in the city at night"));
      }
      return input.build();
    }

    private static Value text(String s) {
      return Value.newBuilder().setStringValue(s).build();
    }

    private void sample() {
      while (sampling) {
        int busy = 0;
        int queued = 0;
        for (GpuWorkerServer server : servers) {
          ModelMetrics m = server.metrics().model(o.model);
          busy += m.busySlots();
          queued += m.queueDepth();
        }
        synchronized (samples) {
          samples.add(new Sample(System.nanoTime(), busy, queued));
        }
        try {
          Thread.sleep(o.sampleMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private Map<String, Object> report(List<Trace> traces) {
      int totalSlots = o.workers * o.slots;
      List<Trace> ok = traces.stream().filter(Trace::completed).toList();
      long t0 = traces.stream().mapToLong(t -> t.submitted).min().orElseThrow();
      long lastSubmit = traces.stream().mapToLong(t -> t.submitted).max().orElseThrow();
      long lastStart = ok.stream().mapToLong(t -> t.started).max().orElse(t0);
      long lastEnd = ok.stream().mapToLong(Trace::slotEnd).max().orElse(t0);
      double window = seconds(lastStart - t0);

      // A job holds its slot from Started for the gpu_seconds its Completed reports (the
      // worker's own clock). The Completed event itself arrives later than the slot is freed:
      // it is sent only after the job's last output chunk has drained under flow control.
      double busyInWindow = 0;
      double busyTotal = 0;
      double busyClientEnds = 0;
      double deliveryLag = 0;
      for (Trace t : ok) {
        busyInWindow += overlap(t.started, t.slotEnd(), t0, lastStart);
        busyClientEnds += overlap(t.started, t.ended, t0, lastStart);
        busyTotal += t.gpuSeconds;
        deliveryLag += seconds(t.ended - t.slotEnd());
      }

      // Where the missing slot time of the window went, slot by slot.
      Map<String, List<Trace>> bySlot = new TreeMap<>();
      for (Trace t : ok) {
        bySlot
            .computeIfAbsent(t.startedOn + "/" + t.slot, k -> new ArrayList<>())
            .add(t);
      }
      double rampLoss = 0;
      double handoffLoss = 0;
      double maxHandoff = 0;
      int handoffs = 0;
      double idleTail = 0;
      for (List<Trace> slotJobs : bySlot.values()) {
        slotJobs.sort(Comparator.comparingLong(t -> t.started));
        rampLoss += seconds(slotJobs.get(0).started - t0);
        for (int k = 1; k < slotJobs.size(); k++) {
          if (slotJobs.get(k).started <= lastStart) {
            double gap = seconds(slotJobs.get(k).started - slotJobs.get(k - 1).slotEnd());
            handoffLoss += gap;
            maxHandoff = Math.max(maxHandoff, gap);
            handoffs++;
          }
        }
        idleTail +=
            seconds(Math.max(0, lastStart - slotJobs.get(slotJobs.size() - 1).slotEnd()));
      }
      int unusedSlots = totalSlots - bySlot.size();

      List<Trace> byStart = new ArrayList<>(ok);
      byStart.sort(Comparator.comparingLong(t -> t.started));
      double firstStart = byStart.isEmpty() ? 0 : seconds(byStart.get(0).started - t0);
      double allSlotsBusy =
          byStart.size() >= totalSlots ? seconds(byStart.get(totalSlots - 1).started - t0) : -1;

      // The sampled cross-check: the workers' busySlots integrated over the same window.
      double sampledBusy = 0;
      List<Sample> snapshot;
      synchronized (samples) {
        snapshot = List.copyOf(samples);
      }
      for (int k = 0; k + 1 < snapshot.size(); k++) {
        sampledBusy += snapshot.get(k).busy()
            * overlap(snapshot.get(k).nanos(), snapshot.get(k + 1).nanos(), t0, lastStart);
      }

      Map<String, Integer> perWorker = new TreeMap<>();
      for (Trace t : ok) {
        perWorker.merge(t.startedOn, 1, Integer::sum);
      }
      Map<String, Integer> outcomes = new TreeMap<>();
      for (Trace t : traces) {
        outcomes.merge(t.outcome, 1, Integer::sum);
      }
      double capacity = totalSlots * window;
      double utilisation = window > 0 ? busyInWindow / capacity : 0;

      Map<String, Object> config = new LinkedHashMap<>();
      config.put("workers", o.workers);
      config.put("slotsPerWorker", o.slots);
      config.put("model", o.model);
      config.put("simulatedSeconds", o.seconds);
      config.put("clients", o.clients);
      config.put("placement", o.placement);
      config.put("warmup", o.warmup);
      config.put("cpus", Runtime.getRuntime().availableProcessors());
      config.put("java", Runtime.version().toString());

      Map<String, Object> losses = new LinkedHashMap<>();
      losses.put("slotSeconds", round(capacity - busyInWindow));
      losses.put("rampSlotSeconds", round(rampLoss));
      losses.put("handoffSlotSeconds", round(handoffLoss));
      losses.put("handoffs", handoffs);
      losses.put("handoffMeanMillis", round(handoffs == 0 ? 0 : handoffLoss * 1000 / handoffs));
      losses.put("handoffMaxMillis", round(maxHandoff * 1000));
      losses.put("idleAtWindowEndSlotSeconds", round(idleTail));
      losses.put("slotsNeverUsed", unusedSlots);

      Map<String, Object> report = new LinkedHashMap<>();
      report.put("config", config);
      report.put("jobs", traces.size());
      report.put("completed", ok.size());
      report.put("failed", traces.size() - ok.size());
      report.put("outcomes", outcomes);
      report.put("jobsPerWorker", perWorker);
      report.put("wallSeconds", round(seconds(lastEnd - t0)));
      if (!idleAdmission.isEmpty()) {
        double[] idle =
            idleAdmission.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> admission = new LinkedHashMap<>();
        admission.put("probes", idle.length);
        admission.put("median", round(idle[idle.length / 2]));
        admission.put("p90", round(idle[(int) (idle.length * 0.9)]));
        admission.put("max", round(idle[idle.length - 1]));
        report.put("idleSubmitToStartedMillis", admission);
      }
      report.put("submitSpreadMillis", round(seconds(lastSubmit - t0) * 1000));
      report.put("firstStartMillis", round(firstStart * 1000));
      double[] answer = traces.stream()
          .filter(t -> t.firstEvent != 0)
          .mapToDouble(t -> seconds(t.firstEvent - t.submitted) * 1000)
          .sorted()
          .toArray();
      if (answer.length > 0) {
        Map<String, Object> firstEvent = new LinkedHashMap<>();
        firstEvent.put("min", round(answer[0]));
        firstEvent.put("median", round(answer[answer.length / 2]));
        firstEvent.put("max", round(answer[answer.length - 1]));
        report.put("submitToFirstEventMillis", firstEvent);
      }
      report.put("allSlotsBusyMillis", round(allSlotsBusy * 1000));
      report.put("queuedWindowSeconds", round(window));
      report.put("busySlotSecondsInWindow", round(busyInWindow));
      report.put("utilisation", round(utilisation));
      report.put("utilisationSampled", round(window > 0 ? sampledBusy / capacity : 0));
      report.put("utilisationClientSeenEnds", round(window > 0 ? busyClientEnds / capacity : 0));
      report.put("target", TARGET);
      report.put("targetMet", utilisation >= TARGET && ok.size() == traces.size());
      report.put("lostInWindow", losses);
      report.put(
          "completedDeliveryLagMeanMillis",
          round(ok.isEmpty() ? 0 : deliveryLag * 1000 / ok.size()));
      report.put("meanJobSeconds", round(ok.isEmpty() ? 0 : busyTotal / ok.size()));
      report.put("gpuSecondsTotal", round(busyTotal));
      report.put(
          "utilisationOverWall",
          round(lastEnd > t0 ? busyTotal / (totalSlots * seconds(lastEnd - t0)) : 0));
      report.put("samples", snapshot.size());
      return report;
    }
  }

  /** Seconds of [from, to) inside [windowFrom, windowTo). */
  private static double overlap(long from, long to, long windowFrom, long windowTo) {
    return seconds(Math.max(0, Math.min(to, windowTo) - Math.max(from, windowFrom)));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  /**
   * Logback's defaults log DEBUG to stdout; point it (before the first logger exists) at a
   * config that logs {@code level} and up to stderr, so stdout carries the report only.
   */
  private static void quietLogging(String level) throws IOException {
    if (System.getProperty("logback.configurationFile") != null) {
      return;
    }
    Path config = Files.createTempFile("bench-logback", ".xml");
    config.toFile().deleteOnExit();
    Files.writeString(config, """
        <configuration>
          <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
          </appender>
          <root level="LEVEL"><appender-ref ref="ERR"/></root>
        </configuration>
        """.replace("LEVEL", level.toUpperCase(Locale.ROOT)));
    System.setProperty("logback.configurationFile", config.toString());
  }

  /** Just enough JSON for the report: maps, lists, strings, numbers, booleans. */
  static final class Json {
    private Json() {}

    static String write(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out, "");
      return out.toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
      if (value instanceof Map<?, ?> map) {
        out.append("{");
        String inner = indent + "  ";
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.append(first ? "\n" : ",\n").append(inner);
          string(String.valueOf(e.getKey()), out);
          out.append(": ");
          write(e.getValue(), out, inner);
          first = false;
        }
        out.append(first ? "}" : "\n" + indent + "}");
      } else if (value instanceof List<?> list) {
        out.append("[");
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ", ");
          write(list.get(i), out, indent);
        }
        out.append("]");
      } else if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else if (value == null) {
        out.append("null");
      } else {
        string(value.toString(), out);
      }
    }

    private static void string(String s, StringBuilder out) {
      out.append('"');
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
