package dev.cadenza.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for URLs users give. Every connection resolves its host through the {@link
 * OutboundAddressPolicy} (so the address checked is the address connected to, also after a DNS
 * change), redirects are not followed (callers check each hop themselves), and there are no
 * proxies from system properties, no cookies and no automatic retries (Temporal retries).
 */
public final class GuardedHttp {

  private GuardedHttp() {}

  /**
   * @param connectTimeout to open a connection
   * @param readTimeout longest silence while waiting for or reading the answer
   */
  public static CloseableHttpClient client(
      OutboundAddressPolicy policy, Duration connectTimeout, Duration readTimeout) {
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new PolicyResolver(policy))
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout))
                .build())
            .setMaxConnTotal(50)
            .setMaxConnPerRoute(5)
            .build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.of(readTimeout))
            .setRedirectsEnabled(false)
            .build())
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAutomaticRetries()
        .disableAuthCaching()
        .setUserAgent("Cadenza")
        .build();
  }

  /** Name resolution that only ever returns permitted addresses. */
  private record PolicyResolver(OutboundAddressPolicy policy) implements DnsResolver {
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return policy.resolve(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      InetAddress[] addresses = resolve(host);
      return addresses.length == 0 ? host : addresses[0].getCanonicalHostName();
    }
  }
}
