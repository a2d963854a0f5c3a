package dev.cadenza.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Provides the {@link ObjectStorage} chosen by {@code app.storage.type}, and for local storage the
 * {@link UrlSigner} that the API's file-download endpoint verifies URLs with. Uses a {@link Clock}
 * bean when the application defines one (tests), the system clock otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "app.storage",
      name = "type",
      havingValue = "local",
      matchIfMissing = true)
  static class Local {

    @Bean
    UrlSigner urlSigner(StorageProperties properties, ObjectProvider<Clock> clock) {
      return new UrlSigner(signingKey(properties), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    LocalObjectStorage objectStorage(
        StorageProperties properties,
        UrlSigner urlSigner,
        ObjectProvider<Clock> clock,
        Environment env) {
      // Read per URL: a default base URL names the port the web server actually bound.
      Supplier<URI> base = () -> URI.create(env.getProperty(
          "app.storage.public-base-url", properties.publicBaseUrl().toString()));
      return new LocalObjectStorage(
          properties.local().dir(), base, urlSigner, clock.getIfAvailable(Clock::systemUTC));
    }

    private static byte[] signingKey(StorageProperties properties) {
      if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
        return properties.signingKey().getBytes(StandardCharsets.UTF_8);
      }
      return SigningKeyFile.loadOrCreate(properties.local().dir().resolve(".signing-key"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "app.storage", name = "type", havingValue = "s3")
  static class S3 {

    /** Closed with the context, which closes the SDK clients. */
    @Bean
    S3ObjectStorage objectStorage(StorageProperties properties) {
      return S3Connections.open(properties.s3());
    }
  }
}
