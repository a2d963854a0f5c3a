package dev.cadenza.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.net.OutboundProperties;
import dev.cadenza.net.RefusedAddressException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
  private final WebhookTargets production = new WebhookTargets(new OutboundProperties(List.of()));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost/hook",
        "http://127.0.0.1:8080/hook",
        "http://10.0.0.7/hook",
        "http://192.168.1.1/hook",
        "http://172.16.5.4/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "http://[fe80::1]/hook"
      })
  void privateLoopbackAndLinkLocalTargetsAreRefused(String url) {
    assertThat(production.quickProblem(URI.create(url))).isNotNull();
    assertThatThrownBy(() -> production.check(URI.create(url)))
        .isInstanceOf(RefusedAddressException.class);
  }

  @Test
  void publicAddressesPass() throws Exception {
    assertThat(production.quickProblem(URI.create("https://93.184.215.14/hook")))
        .isNull();
    production.check(URI.create("https://93.184.215.14/hook"));
  }

  @Test
  void configurationAllowsPrivateTargets() throws Exception {
    WebhookTargets allowing = new WebhookTargets(new OutboundProperties(List.of("127.0.0.0/8")));
    assertThat(allowing.quickProblem(URI.create("http://127.0.0.1/hook"))).isNull();
    allowing.check(URI.create("http://127.0.0.1/hook"));
  }
}
