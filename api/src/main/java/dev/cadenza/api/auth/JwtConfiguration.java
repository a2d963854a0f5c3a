package dev.cadenza.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Bearer JWTs from an external identity provider, beside API keys, when {@code app.jwt} names a
 * key source (see {@link JwtProperties}). {@link SecurityConfiguration} picks the provider up if
 * this bean exists; without it only API keys are accepted.
 *
 * <p>Every token must be signed by the configured key source with an algorithm of its kind
 * (HS256 for a secret; RSA, EC or PS algorithms for a JWK set: never "none", never a MAC checked
 * against a public key), carry an {@code exp} in the future (60 s of clock skew), and match
 * {@code issuer-uri} and {@code audiences} when those are set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
public class JwtConfiguration {

  @Bean
  @Conditional(JwtEnabled.class)
  public JwtUserAuthenticationProvider jwtUserAuthenticationProvider(
      JwtProperties properties, UserEmailLookup users) {
    return new JwtUserAuthenticationProvider(decoder(properties), properties.emailClaim(), users);
  }

  /** The decoder for the configured key source, with the validators described above. */
  public static JwtDecoder decoder(JwtProperties properties) {
    boolean secret = JwtProperties.hasText(properties.secret());
    boolean jwkSet = JwtProperties.hasText(properties.jwkSetUri());
    boolean issuer = JwtProperties.hasText(properties.issuerUri());
    if (secret && jwkSet) {
      throw new IllegalStateException(
          "Set app.jwt.secret or app.jwt.jwk-set-uri, not both: one key source per service");
    }
    OAuth2TokenValidator<Jwt> validator = validator(properties);
    if (secret) {
      byte[] key = properties.secret().getBytes(StandardCharsets.UTF_8);
      if (key.length < JwtProperties.MIN_SECRET_BYTES) {
        throw new IllegalStateException("app.jwt.secret must be at least "
            + JwtProperties.MIN_SECRET_BYTES
            + " bytes for HS256; it has "
            + key.length);
      }
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(
              new SecretKeySpec(key, "HmacSHA256"))
          .macAlgorithm(MacAlgorithm.HS256)
          .build();
      decoder.setJwtValidator(validator);
      return decoder;
    }
    if (jwkSet) {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
              properties.jwkSetUri().strip())
          .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.values())))
          .build();
      decoder.setJwtValidator(validator);
      return decoder;
    }
    if (issuer) {
      // Discovery on first use: the service starts while the identity provider is down.
      return new SupplierJwtDecoder(() -> {
        JwtDecoder discovered =
            JwtDecoders.fromIssuerLocation(properties.issuerUri().strip());
        if (discovered instanceof NimbusJwtDecoder nimbus) {
          nimbus.setJwtValidator(validator);
        }
        return discovered;
      });
    }
    throw new IllegalStateException("app.jwt has no key source");
  }

  private static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtTimestampValidator());
    // A token without an expiry would be valid forever.
    validators.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
    if (JwtProperties.hasText(properties.issuerUri())) {
      validators.add(new JwtIssuerValidator(properties.issuerUri().strip()));
    }
    if (!properties.audiences().isEmpty()) {
      List<String> audiences = properties.audiences();
      validators.add(new JwtClaimValidator<List<String>>(
          JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }

  /** True when {@code app.jwt} names a key source. */
  static final class JwtEnabled implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      return JwtProperties.hasText(env.getProperty("app.jwt.secret"))
          || JwtProperties.hasText(env.getProperty("app.jwt.jwk-set-uri"))
          || JwtProperties.hasText(env.getProperty("app.jwt.issuer-uri"));
    }
  }
}
