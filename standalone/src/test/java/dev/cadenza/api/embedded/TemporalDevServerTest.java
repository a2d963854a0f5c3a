package dev.cadenza.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Temporal CLI's dev server as the service runs it, and the compose set-up script on it. */
class TemporalDevServerTest {
  private static final List<String> ATTRIBUTES =
      List.of("GenerationType", "UserId", "GenerationStatus");

  @TempDir
  Path dir;

  @Test
  void startsWithTheSearchAttributesStopsWithTheServiceAndStopsAServerLeftByAKilledProcess()
      throws Exception {
    Path cli = RealPeers.temporalCli();
    TemporalDevServer first = start(cli, ATTRIBUTES);
    assertThat(keywordAttributes(first.address(), "default")).containsAll(ATTRIBUTES);
    // What a kill -9 of the service leaves: the server runs on, holding the database.
    ProcessHandle orphan = ProcessHandle.of(first.pid()).orElseThrow();

    TemporalDevServer second = start(cli, ATTRIBUTES);
    try {
      assertThat(orphan.isAlive()).as("the server left running was stopped").isFalse();
      assertThat(keywordAttributes(second.address(), "default")).containsAll(ATTRIBUTES);
    } finally {
      second.close();
    }
    assertThat(ProcessHandle.of(second.pid()).map(ProcessHandle::isAlive).orElse(false))
        .as("stopped with the service")
        .isFalse();
    assertThat(dir.resolve("temporal/server.pid")).doesNotExist();
  }

  @Test
  void composeSetUpScriptCreatesTheNamespaceAndAttributesOnTheServerVersionComposeRuns()
      throws Exception {
    Path cli = RealPeers.temporalCli();
    Path repo = Path.of("..").toAbsolutePath().normalize();
    TemporalDevServer server = start(cli, List.of());
    try {
      assertThat(serverVersion(server.address()))
          .as("docker-compose.yml runs the server version CI tests against")
          .isEqualTo(composeServerVersion(repo.resolve("docker-compose.yml")));
      // Twice: compose runs it on every `up`, and a second run must change nothing.
      for (int run = 0; run < 2; run++) {
        ProcessBuilder builder = new ProcessBuilder(
                "sh", repo.resolve("deploy/temporal/init.sh").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("init-" + run + ".log").toFile());
        builder.environment().put("TEMPORAL_ADDRESS", server.address());
        builder.environment().put("TEMPORAL_NAMESPACE", "cadenza-compose");
        builder
            .environment()
            .put("PATH", cli.getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
        Process init = builder.start();
        assertThat(init.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(init.exitValue())
            .as(Files.readString(dir.resolve("init-" + run + ".log")))
            .isZero();
      }
      assertThat(keywordAttributes(server.address(), "cadenza-compose")).containsAll(ATTRIBUTES);
    } finally {
      server.close();
    }
  }

  @Test
  void aDatabaseOfAServerWithFourPartitionsKeepsReadingFourWhileWritingOne() throws Exception {
    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    assertThat(TemporalDevServer.partitions(fresh))
        .contains(
            "matching.numTaskqueueWritePartitions=1", "matching.numTaskqueueReadPartitions=1");
    Files.writeString(fresh.resolve("temporal.db"), "");
    assertThat(TemporalDevServer.partitions(fresh))
        .as("the database it made: still one")
        .contains("matching.numTaskqueueReadPartitions=1");

    Path older = Files.createDirectories(dir.resolve("older"));
    Files.writeString(older.resolve("temporal.db"), "");
    assertThat(TemporalDevServer.partitions(older))
        .as("tasks may wait in partitions 1 to 3 of a database an earlier version wrote")
        .contains(
            "matching.numTaskqueueWritePartitions=1", "matching.numTaskqueueReadPartitions=4");
  }

  private TemporalDevServer start(Path cli, List<String> attributes) {
    return TemporalDevServer.start(
        new TemporalDevServer.Settings(
            cli,
            dir.resolve("temporal"),
            EmbeddedInfrastructure.freePort(0),
            EmbeddedInfrastructure.freePort(0),
            "default",
            attributes),
        LogFactory.getLog(TemporalDevServerTest.class));
  }

  private static List<String> keywordAttributes(String address, String namespace) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
            .setChannel(stubs.getRawChannel())
            .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> custom = operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
      return custom.entrySet().stream()
          .filter(e -> e.getValue() == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .map(Map.Entry::getKey)
          .toList();
    } finally {
      operator.shutdownNow();
      stubs.shutdownNow();
    }
  }

  private static String serverVersion(String address) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    try {
      return stubs
          .blockingStub()
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
          .getServerVersion();
    } finally {
      stubs.shutdownNow();
    }
  }

  private static String composeServerVersion(Path compose) throws Exception {
    Matcher image =
        Pattern.compile("image: temporalio/server:(\\S+)").matcher(Files.readString(compose));
    assertThat(image.find()).as("a temporalio/server image in " + compose).isTrue();
    return image.group(1);
  }
}
