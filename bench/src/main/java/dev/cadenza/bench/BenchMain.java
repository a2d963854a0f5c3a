package dev.cadenza.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cadenza.bench.stack.AttachedStack;
import dev.cadenza.bench.stack.LaunchedStack;
import dev.cadenza.bench.stack.Stack;
import java.nio.file.Files;
import java.util.Map;

/**
 * Runs one benchmark scenario against Cadenza and prints its JSON report on stdout (progress goes
 * to stderr). Arguments are {@code key=value} knobs, see bench/README.md:
 *
 * <pre>
 * java -jar bench/target/bench.jar scenario=steady rate=20 count=600 simulated=0.5 \
 *     slots=text=64,audio=32,image=32 out=/tmp/steady.json
 * </pre>
 */
public final class BenchMain {

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, Object> report;
    log(
        "starting %s (%s)",
        options.mode().name().toLowerCase(), options.scenario().name().toLowerCase());
    Stack stack = stack(options);
    // Ctrl-C or kill must not leave the service processes behind.
    Thread stopper = new Thread(stack::close, "bench-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      report = new BenchRun(options, stack).run();
    } finally {
      stack.close();
      Runtime.getRuntime().removeShutdownHook(stopper);
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String text = json.writeValueAsString(report);
    System.out.println(text);
    if (options.out() != null) {
      Files.writeString(options.out(), text + "\n");
      log("report written to %s", options.out());
    }
  }

  private static Stack stack(BenchOptions options) {
    if (options.mode() == BenchOptions.Mode.ATTACH) {
      return new AttachedStack(
          options.url(),
          options.adminKey(),
          new Stack.Database(options.dbUrl(), options.dbUser(), options.dbPassword()),
          options.metrics(),
          options.gpuLogs());
    }
    return LaunchedStack.start(options);
  }

  static void log(String format, Object... args) {
    System.err.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  private BenchMain() {}
}
