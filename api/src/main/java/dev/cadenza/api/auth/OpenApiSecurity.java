package dev.cadenza.api.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Documents the bearer key in the OpenAPI document, so Swagger UI can send it. */
@Configuration(proxyBeanMethods = false)
public class OpenApiSecurity {
  static final String SCHEME = "apiKey";

  @Bean
  public OpenApiCustomizer bearerKeySecurity() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi
          .getComponents()
          .addSecuritySchemes(
              SCHEME,
              new SecurityScheme()
                  .type(SecurityScheme.Type.HTTP)
                  .scheme("bearer")
                  .description("A user API key (cdz_...) or, for /v1/admin, the admin key;"
                      + " where the service is configured for it (app.jwt), also a JWT of the"
                      + " identity provider whose email claim names a user."));
      openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
      if (openApi.getPaths() != null) {
        // Public endpoints need no key: an empty requirement list overrides the global one.
        openApi.getPaths().forEach((path, item) -> {
          if (path.startsWith("/v1/files/")
              || path.equals("/v1/feed")
              || path.startsWith("/v1/public/")) {
            item.readOperations().forEach(operation -> operation.setSecurity(List.of()));
          }
        });
      }
    };
  }
}
