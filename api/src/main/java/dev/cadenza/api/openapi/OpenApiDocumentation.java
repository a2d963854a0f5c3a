package dev.cadenza.api.openapi;

import dev.cadenza.api.problem.Problem;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code GET /v3/api-docs}. The controllers' annotations say each
 * operation; what is written here is what applies to all of them and annotations cannot say per
 * method without repeating it thirty times: the problem+json answers an operation can give by
 * its shape (a body, query parameters, a path parameter, a key), and the catch-all file paths.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info = @Info(title = "Cadenza API", version = "v1", description = """
        Durable AI media generation over REST. Authenticate with `Authorization: Bearer \
        <key>`: a user API key (`cdz_...`), the admin key for `/v1/admin`, or (where \
        configured) a JWT of the identity provider whose email claim names a user. \
        Missing or unknown key: 401; another user's object: 404. \
        Every 4xx/5xx answer is RFC 9457 `application/problem+json` with a stable \
        UPPER_SNAKE `code`; validation problems list `errors: [{field, message}]`. \
        Lists are newest first and paged with an opaque `cursor` (the `nextCursor` of \
        the previous page)."""),
    // Relative: the API is where the document is, whatever host name or proxy a client used.
    servers = @Server(url = "/", description = "This service"),
    security = @SecurityRequirement(name = OpenApiDocumentation.BEARER))
@SecurityScheme(
    name = OpenApiDocumentation.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A user API key (cdz_...) or, for /v1/admin, the admin key; where the service is"
        + " configured for it (app.jwt), also a JWT of the identity provider whose email claim"
        + " names a user.")
public class OpenApiDocumentation {
  static final String BEARER = "apiKey";
  // Springdoc drops a path parameter its path does not name, so an annotation cannot say it.
  private static final Parameter KEY = new PathParameter()
      .name("key")
      .description("The file's storage key, as in the download URL the service handed out (it"
          + " contains `/`: use that URL as it is).")
      .example("generations/gen_7f3a9c2e1b/audio.wav")
      .schema(new StringSchema().types(java.util.Set.of("string")));
  private static final Set<String> REASON_PHRASES =
      Set.of("OK", "Created", "Accepted", "Bad Request", "Not Found", "Conflict", "Forbidden");

  @Bean
  public OpenApiCustomizer problemAnswers() {
    return openApi -> {
      openApi
          .getComponents()
          .getSchemas()
          .putAll(ModelConverters.getInstance(true).readAll(Problem.class));
      // A catch-all mapping (`/v1/files/**`) is no path template; its rest is the `key` the
      // controller declares. Sorted paths make the document stable to diff.
      Map<String, PathItem> paths = new TreeMap<>();
      openApi.getPaths().forEach((path, item) -> {
        if (path.endsWith("/**")) {
          item.readOperations().forEach(op -> op.getParameters().addFirst(KEY));
        }
        paths.put(path.replace("/**", "/{key}"), item);
      });
      openApi.getPaths().clear();
      openApi.getPaths().putAll(paths);
      paths.forEach((path, item) -> item.readOperations().forEach(op -> problems(path, op)));
      dropUnreferencedSchemas(openApi);
    };
  }

  /** Springdoc keeps the schemas of types the annotations replaced ({@code JsonNode}, ...). */
  private static void dropUnreferencedSchemas(OpenAPI openApi) {
    boolean dropped = true;
    while (dropped) { // one dropped may have been all that referenced another
      String text = Json31.pretty(openApi);
      dropped = openApi
          .getComponents()
          .getSchemas()
          .keySet()
          .removeIf(name -> !text.contains("\"#/components/schemas/" + name + "\""));
    }
  }

  /** The answers every operation of its shape can give, beside those it declares. */
  private static void problems(String path, Operation operation) {
    ApiResponses responses = operation.getResponses();
    boolean body = operation.getRequestBody() != null;
    boolean query = !path.startsWith("/v1/files/")
        && operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
    if (body || query) {
      add(
          responses,
          "400",
          body
              ? "`MALFORMED_REQUEST`: the body is not JSON or not the expected document."
              : "`INVALID_PARAMETER`, `INVALID_CURSOR`: a query parameter cannot be read.");
      add(
          responses,
          "422",
          "`VALIDATION_FAILED`: invalid fields, listed in `errors: [{field, message}]`.");
    }
    if (operation.getSecurity() == null || !operation.getSecurity().isEmpty()) {
      add(responses, "401", "`UNAUTHORIZED`: no bearer key, or an unknown one.");
      add(
          responses,
          "403",
          path.startsWith("/v1/admin")
              ? "`FORBIDDEN`: a user key; these endpoints need the admin key."
              : "`FORBIDDEN`: the admin key; these endpoints need a user's key.");
    }
    if (path.contains("{")) {
      add(responses, "404", "`NOT_FOUND`: no such object, or another user's (never revealed).");
    }
    if (body) {
      add(responses, "413", "`PAYLOAD_TOO_LARGE`: the body is over the size limit.");
      add(responses, "415", "`UNSUPPORTED_MEDIA_TYPE`: send `Content-Type: application/json`.");
    }
    add(responses, "500", "`INTERNAL`: an unexpected error; it has been logged.");
    Content problem = new Content()
        .addMediaType(
            "application/problem+json",
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
    Map<String, ApiResponse> sorted = new TreeMap<>(responses);
    responses.clear();
    sorted.forEach((status, response) -> {
      Content content = response.getContent();
      if (status.startsWith("4") || status.startsWith("5")) {
        response.setContent(problem);
      } else if (content != null && content.containsKey("*/*")) {
        // Controllers without `produces` answer JSON all the same; files keep their bytes.
        MediaType media = content.remove("*/*");
        boolean binary =
            media.getSchema() != null && "binary".equals(media.getSchema().getFormat());
        content.addMediaType(binary ? "*/*" : "application/json", media);
      }
      responses.addApiResponse(status, response);
    });
  }

  private static void add(ApiResponses responses, String status, String description) {
    ApiResponse response = responses.computeIfAbsent(status, s -> new ApiResponse());
    if (response.getDescription() == null
        || response.getDescription().isBlank()
        || REASON_PHRASES.contains(response.getDescription())) {
      response.setDescription(description);
    }
  }
}
