package dev.cadenza.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.api.gpu.EmbeddedGpuWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** The start-up banner tells a new user where to click (OpenApiDocumentTest checks it answers). */
@ExtendWith(OutputCaptureExtension.class)
class StartupBannerTest {

  @Test
  void namesTheSwaggerUi(CapturedOutput output) {
    MockEnvironment env = new MockEnvironment()
        .withProperty("local.server.port", "18080")
        .withProperty("app.gpu.addresses", "gpu:50051");
    new StartupBanner(env, new EmbeddedGpuWorker(null)).announce();
    assertThat(output.getOut())
        .contains("REST API     http://localhost:18080")
        .contains("Swagger UI   http://localhost:18080/swagger-ui/index.html");
  }
}
