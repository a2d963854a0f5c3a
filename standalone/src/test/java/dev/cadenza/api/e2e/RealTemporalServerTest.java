package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Which Temporal the end-to-end tests ran on, in the test report: in CI always the real dev
 * server (the Temporal CLI), never the SDK's in-memory test server.
 */
class RealTemporalServerTest extends EmbeddedStackTest {
  @Autowired
  WorkflowClient temporal;

  @Value("${app.embedded.temporal-durable:false}")
  boolean realServer;

  @Value("${app.embedded.temporal:}")
  String embedded;

  @Test
  void theEndToEndTestsRunOnTheRealTemporalDevServer() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (!ci) {
      assumeTrue(realServer, "no Temporal CLI here: the tests ran on the SDK's test server");
    }
    assertThat(realServer).as("the embedded Temporal: " + embedded).isTrue();
    String version = temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
        .getServerVersion();
    assertThat(version).as("a real server says its version").matches("\\d+\\.\\d+\\.\\d+.*");
    System.out.println("End-to-end tests ran on Temporal server " + version + ": " + embedded);
  }
}
