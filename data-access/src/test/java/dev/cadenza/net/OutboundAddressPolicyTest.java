package dev.cadenza.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundAddressPolicyTest {

  private final OutboundAddressPolicy publicOnly = OutboundAddressPolicy.publicOnly();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.8.9.10",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "198.18.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::1"
      })
  void internalAddressesAreRefused(String address) throws Exception {
    assertThat(publicOnly.permits(InetAddress.getByName(address))).as(address).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700::1111", "2002:0808:0808::1"})
  void publicAddressesArePermitted(String address) throws Exception {
    assertThat(publicOnly.permits(InetAddress.getByName(address))).as(address).isTrue();
  }

  @Test
  void configuredNetworksArePermittedAndNothingElse() throws Exception {
    OutboundAddressPolicy policy =
        new OutboundAddressPolicy(List.of("127.0.0.1/32", " ", "10.1.0.0/16"));

    assertThat(policy.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(policy.permits(InetAddress.getByName("127.0.0.2"))).isFalse();
    assertThat(policy.permits(InetAddress.getByName("10.1.200.3"))).isTrue();
    assertThat(policy.permits(InetAddress.getByName("10.2.0.1"))).isFalse();
    assertThat(policy.permits(InetAddress.getByName("169.254.169.254"))).isFalse();
  }

  @Test
  void urlsNeedHttpAHostAndNoUserInfo() {
    assertThat(publicOnly.quickProblem(URI.create("https://example.com/a.png"))).isNull();
    assertThat(publicOnly.quickProblem(URI.create("ftp://example.com/a.png"))).contains("http");
    assertThat(publicOnly.quickProblem(URI.create("file:///etc/passwd"))).contains("http");
    assertThat(publicOnly.quickProblem(URI.create("https://user:pw@example.com/")))
        .contains("user info");
    assertThat(publicOnly.quickProblem(URI.create("http://127.0.0.1:8080/x")))
        .contains("not a public");
    assertThat(publicOnly.quickProblem(URI.create("http://localhost/x"))).contains("not a public");
    assertThat(publicOnly.quickProblem(URI.create("http://[::1]/x"))).contains("not a public");
    assertThat(publicOnly.quickProblem(URI.create("http://169.254.169.254/latest")))
        .contains("not a public");
  }

  /** Issue 13: the answer was the bare host, "0x7f000001". */
  @Test
  void anIpLiteralTheJdkCannotReadIsExplained() {
    assertThat(publicOnly.quickProblem(URI.create("http://0x7f000001/")))
        .isEqualTo("0x7f000001 is not an IP address this service reads: write an IPv4 address as"
            + " four numbers from 0 to 255 (like 203.0.113.7), or use a host name");
  }

  @Test
  void malformedNetworksFailAtConstruction() {
    assertThatThrownBy(() -> new OutboundAddressPolicy(List.of("intranet.example")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboundAddressPolicy(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
