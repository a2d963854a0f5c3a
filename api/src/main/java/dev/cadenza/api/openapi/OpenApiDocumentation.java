package dev.cadenza.api.openapi;

import static dev.cadenza.api.openapi.ContractSchemas.array;
import static dev.cadenza.api.openapi.ContractSchemas.integer;
import static dev.cadenza.api.openapi.ContractSchemas.object;
import static dev.cadenza.api.openapi.ContractSchemas.ref;
import static dev.cadenza.api.openapi.ContractSchemas.string;
import static dev.cadenza.api.openapi.ContractSchemas.stringEnum;

import dev.cadenza.api.generation.input.GenerationInput;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code GET /v3/api-docs} as the REST contract (API.md) describes the
 * API: title and version, tags per feature, a summary per operation (annotations on a controller
 * win; {@link OperationDocs} fills in the rest), the generation schemas the code only has as JSON
 * trees, and the {@code Problem} schema for every 4xx/5xx answer each operation can give. The
 * bearer scheme is documented by {@code auth.OpenApiSecurity}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocumentation {
  static final String TITLE = "Cadenza API";
  static final String VERSION = "v1";
  static final String PROBLEM = "Problem";
  static final String FIELD_PROBLEM = "FieldProblem";
  static final String PROBLEM_JSON = "application/problem+json";
  static final String JSON = "application/json";

  /** The tags, in the order Swagger UI shows them; unused ones are dropped. */
  static final List<Tag> TAGS = List.of(
      new Tag()
          .name(OperationDocs.GENERATIONS)
          .description("Start, follow, list and cancel generations (a user's key)."),
      new Tag()
          .name(OperationDocs.UPLOADS)
          .description(
              "Files the caller uploads straight to storage to use as generation inputs (a user's"
                  + " key)."),
      new Tag()
          .name(OperationDocs.ACCOUNT)
          .description("The caller's account and credit history (a user's key)."),
      new Tag()
          .name("Payments")
          .description("Stripe's webhook: purchases of credit packages and their refunds."),
      new Tag()
          .name(OperationDocs.ADMIN)
          .description(
              "Operator endpoints (the admin key): users, credits and refunds, generations, the"
                  + " GPU fleet."),
      new Tag()
          .name(OperationDocs.FILES)
          .description(
              "Signed, expiring downloads of generated media, and signed uploads (no key)."),
      new Tag()
          .name(OperationDocs.PUBLIC)
          .description("Published generations of all users and their files (no key)."));

  private static final Set<String> REASON_PHRASES = Set.of(
      "OK",
      "Created",
      "Accepted",
      "Bad Request",
      "Unauthorized",
      "Forbidden",
      "Not Found",
      "Conflict",
      "Unprocessable Entity",
      "Internal Server Error");

  @Bean
  public OpenAPI cadenzaOpenApi() {
    return new OpenAPI()
        .info(new Info().title(TITLE).version(VERSION).description("""
                Durable AI media generation over REST. Authenticate with `Authorization: Bearer \
                <key>`: a user API key (`cdz_...`), the admin key for `/v1/admin`, or (where \
                configured) a JWT of the identity provider whose email claim names a user. \
                Missing or unknown key: 401; another user's object: 404. \
                Every 4xx/5xx answer is RFC 9457 `application/problem+json` with a stable \
                UPPER_SNAKE `code`; validation problems list `errors: [{field, message}]`. \
                Lists are newest first and paged with an opaque `cursor` (the `nextCursor` of \
                the previous page)."""))
        // Relative: the API is where the document is, whatever host name or proxy a client used
        // (springdoc would write the host of the request that fetched the document).
        .servers(List.of(new Server().url("/").description("This service")))
        .components(new Components())
        .tags(new ArrayList<>(TAGS));
  }

  /** Tags, summaries, schemas and problem answers; runs after springdoc read the controllers. */
  @Bean
  public OpenApiCustomizer cadenzaContract() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      Components components = openApi.getComponents();
      components.addSchemas(FIELD_PROBLEM, fieldProblemSchema());
      components.addSchemas(PROBLEM, problemSchema());
      components.addSchemas(ContractSchemas.GENERATION, ContractSchemas.generation());
      components.addSchemas(ContractSchemas.STEP, ContractSchemas.step());
      components.addSchemas(ContractSchemas.ASSET, ContractSchemas.asset());
      OutputSchemas.addTo(components);
      components.addSchemas(ContractSchemas.GENERATION_PAGE, ContractSchemas.generationPage());
      components.addSchemas(ContractSchemas.FEED_ITEM, ContractSchemas.feedItem());
      components.addSchemas(ContractSchemas.FEED_PAGE, ContractSchemas.feedPage());
      describeCreditsRequest(components);
      flattenInputs(components);
      if (openApi.getPaths() == null) {
        return;
      }
      OperationNames.rewriteCatchAllPaths(openApi);
      openApi
          .getPaths()
          .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            document(path, method, operation);
            OperationNames.name(path, method, operation);
          }));
      // Sorted paths make the document stable to diff.
      Map<String, PathItem> sorted = new TreeMap<>(openApi.getPaths());
      openApi.getPaths().clear();
      openApi.getPaths().putAll(sorted);
      dropUnusedTags(openApi);
      dropUnusedSchemas(openApi);
    };
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    OperationDocs.Doc doc = OperationDocs.find(method.name(), path);
    if (operation.getTags() == null
        || operation.getTags().stream().allMatch(t -> t.endsWith("-controller"))) {
      operation.setTags(List.of(OperationDocs.tagFor(path)));
    }
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    ApiResponses responses = operation.getResponses();
    if (doc != null) {
      if (isBlank(operation.getSummary())) {
        operation.setSummary(doc.summary());
      }
      if (isBlank(operation.getDescription())) {
        operation.setDescription(doc.description());
      }
      successAnswer(responses, doc);
    }
    describeParameters(operation);
    // Controllers without `produces` answer JSON all the same.
    responses.forEach((status, response) -> {
      Content content = response.getContent();
      if (content != null && content.containsKey("*/*") && !isBinary(content.get("*/*"))) {
        content.put(JSON, content.remove("*/*"));
      }
    });
    Map<String, String> problems = problemsOf(path, operation, doc);
    problems.forEach((status, description) -> {
      ApiResponse response = responses.get(status);
      if (response == null) {
        response = new ApiResponse().description(description);
        responses.addApiResponse(status, response);
      } else if (isBlank(response.getDescription())
          || REASON_PHRASES.contains(response.getDescription())) {
        response.setDescription(description);
      }
      response.setContent(problemContent());
    });
    // Whatever springdoc made of other 4xx/5xx answers: they are problems too.
    responses.forEach((status, response) -> {
      if (status.startsWith("4") || status.startsWith("5")) {
        response.setContent(problemContent());
      }
    });
    Map<String, ApiResponse> ordered = new TreeMap<>(responses);
    responses.clear();
    ordered.forEach(responses::addApiResponse);
  }

  /** The documented success status and body, where the code does not declare them. */
  private static void successAnswer(ApiResponses responses, OperationDocs.Doc doc) {
    String status = doc.successStatus();
    if (status == null) {
      return;
    }
    ApiResponse response = responses.get(status);
    if (response == null) {
      ApiResponse ok = responses.remove("200");
      response = ok != null ? ok : new ApiResponse();
      responses.addApiResponse(status, response);
    }
    if (isBlank(response.getDescription()) || REASON_PHRASES.contains(response.getDescription())) {
      response.setDescription(doc.successDescription());
    }
    if (doc.successSchema() != null) {
      response.setContent(new Content()
          .addMediaType(
              doc.successMediaType(),
              new MediaType()
                  .schema(
                      doc.successSchema().equals("string")
                          ? string("The event stream.")
                          : ref(doc.successSchema()))));
    }
  }

  private static void describeParameters(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      OperationDocs.ParameterDoc doc =
          OperationDocs.parameter(parameter.getIn(), parameter.getName());
      if (doc == null) {
        continue;
      }
      if (isBlank(parameter.getDescription())) {
        parameter.setDescription(doc.description());
      }
      Schema<?> schema = parameter.getSchema();
      if (doc.values() != null && schema != null && schema.getEnum() == null) {
        parameter.setSchema(stringEnum(doc.values(), null));
      }
    }
  }

  /**
   * swagger-core composes each subtype of the {@code @JsonSubTypes} interface {@code
   * GenerationInput} as {@code allOf: [GenerationInput, {...}]}; the interface has no fields and
   * the subtype is chosen by the request's {@code type}, so each input is shown as its own object.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void flattenInputs(Components components) {
    String marker = "#/components/schemas/" + GenerationInput.class.getSimpleName();
    components.getSchemas().forEach((name, schema) -> {
      List<Schema> parts = schema.getAllOf();
      if (parts == null || parts.size() != 2 || !marker.equals(parts.get(0).get$ref())) {
        return;
      }
      Schema own = parts.get(1);
      schema.setAllOf(null);
      schema.setType(own.getType());
      schema.setTypes(own.getTypes());
      schema.setProperties(own.getProperties());
      if (own.getRequired() != null) {
        schema.setRequired(own.getRequired());
      }
    });
  }

  /** {@code AddCreditsRequest.type} is a closed set checked by a pattern: list it. */
  @SuppressWarnings("unchecked")
  private static void describeCreditsRequest(Components components) {
    Schema<Object> request = (Schema<Object>) components.getSchemas().get("AddCreditsRequest");
    if (request == null || request.getProperties() == null) {
      return;
    }
    Schema<?> type = request.getProperties().get("type");
    if (type != null && type.getEnum() == null) {
      request
          .getProperties()
          .put(
              "type",
              stringEnum(List.of("purchase", "bonus", "admin_adjust"), "The kind of credit."));
    }
  }

  /** The problem answers of one operation: status to description (with the codes). */
  static Map<String, String> problemsOf(String path, Operation operation, OperationDocs.Doc doc) {
    Map<String, String> problems = new LinkedHashMap<>();
    boolean files = path.startsWith("/v1/files/");
    boolean open = OperationDocs.isPublic(path);
    boolean body = operation.getRequestBody() != null;
    boolean query = !files
        && operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
    boolean pathParameter = path.contains("{");
    if (body || query) {
      problems.put(
          "400",
          body
              ? "`MALFORMED_REQUEST`: the body is not JSON or not the expected document."
              : "`INVALID_PARAMETER`, `INVALID_CURSOR`: a query parameter cannot be read.");
    }
    if (!open) {
      problems.put("401", "`UNAUTHORIZED`: no bearer key, or an unknown one.");
      problems.put(
          "403",
          path.startsWith("/v1/admin")
              ? "`FORBIDDEN`: a user key; these endpoints need the admin key."
              : "`FORBIDDEN`: the admin key; these endpoints need a user's key.");
    }
    if (pathParameter || files) {
      problems.put("404", "`NOT_FOUND`: no such object, or another user's (never revealed).");
    }
    if (body) {
      problems.put("413", "`PAYLOAD_TOO_LARGE`: the body is over the size limit.");
      problems.put("415", "`UNSUPPORTED_MEDIA_TYPE`: send `Content-Type: application/json`.");
    }
    if (body || query) {
      problems.put(
          "422", "`VALIDATION_FAILED`: invalid fields, listed in `errors: [{field, message}]`.");
    }
    if (doc != null) {
      problems.putAll(doc.problems());
    }
    problems.put("500", "`INTERNAL`: an unexpected error; it has been logged.");
    return new TreeMap<>(problems);
  }

  static Content problemContent() {
    return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref(PROBLEM)));
  }

  /** RFC 9457 problem details with the API's {@code code} and {@code errors}. */
  static Schema<?> problemSchema() {
    return object("An RFC 9457 problem: the body of every 4xx/5xx answer of the API.")
        .addProperty(
            "type",
            string("`urn:cadenza:problem:` and the code in kebab case.")
                .format("uri")
                .example("urn:cadenza:problem:validation-failed"))
        .addProperty("title", string("The status's reason phrase.").example("Unprocessable Entity"))
        .addProperty("status", integer("The HTTP status.").format("int32").example(422))
        .addProperty(
            "detail",
            string("What went wrong, for a human.").example("The request has invalid fields."))
        .addProperty("instance", string("The request path.").format("uri-reference"))
        .addProperty("code", string("""
                    Stable UPPER_SNAKE code to branch on: VALIDATION_FAILED, \
                    MALFORMED_REQUEST, INVALID_PARAMETER, MISSING_PARAMETER, INVALID_CURSOR, \
                    UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT, \
                    NOT_CANCELABLE, NOT_RETRYABLE, NOT_REFUNDABLE, ALREADY_REFUNDED, \
                    REFUND_EXCEEDS_SPENDING, NOT_PUBLISHABLE, RANGE_NOT_SATISFIABLE, \
                    PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, \
                    INSUFFICIENT_CREDITS, RATE_LIMITED, INTERNAL, ... (new ones may be added).""").pattern("^[A-Z][A-Z0-9_]*$").example("VALIDATION_FAILED"))
        .addProperty(
            "errors",
            array(ref(FIELD_PROBLEM)).description("Validation problems only: each invalid field."))
        .required(List.of("type", "title", "status", "code"));
  }

  static Schema<?> fieldProblemSchema() {
    return object("One invalid field of a validation problem.")
        .addProperty(
            "field",
            string("JSON path of the value, or the parameter's name.")
                .example("input.durationSeconds"))
        .addProperty(
            "message", string("What is wrong with it.").example("must be between 10 and 240"))
        .required(List.of("field", "message"));
  }

  private static boolean isBinary(MediaType media) {
    return media != null
        && media.getSchema() != null
        && "binary".equals(media.getSchema().getFormat());
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static void dropUnusedTags(OpenAPI openApi) {
    if (openApi.getTags() == null) {
      return;
    }
    Set<String> used = new HashSet<>();
    openApi
        .getPaths()
        .values()
        .forEach(item -> item.readOperations().forEach(operation -> {
          if (operation.getTags() != null) {
            used.addAll(operation.getTags());
          }
        }));
    openApi.setTags(new ArrayList<>(
        openApi.getTags().stream().filter(tag -> used.contains(tag.getName())).toList()));
  }

  /**
   * Schemas springdoc generates that the contract's own stand for: of JSON-tree and emitter types,
   * the input records' interface, and the records answering the generation and feed views (whose
   * {@code Generation}, {@code GenerationPage} and {@code FeedPage} are the contract's).
   */
  private static void dropUnusedSchemas(OpenAPI openApi) {
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    if (schemas == null) {
      return;
    }
    List<String> candidates = List.of(
        "JsonNode",
        "ObjectNode",
        "CursorPageObjectNode",
        "SseEmitter",
        "GenerationInput",
        "GenerationError",
        "GenerationProgress",
        "CursorPageGeneration",
        "CursorPageFeedItem",
        "AdminGenerationResource");
    // Until nothing more goes: one dropped may have been all that referenced another.
    boolean dropped = true;
    while (dropped) {
      dropped = false;
      for (String name : candidates) {
        Schema<?> schema = schemas.remove(name);
        if (schema == null) {
          continue;
        }
        if (referenced(openApi, name)) {
          schemas.put(name, schema); // still referenced somewhere: keep it
        } else {
          dropped = true;
        }
      }
    }
  }

  private static boolean referenced(OpenAPI openApi, String name) {
    try {
      return Json.mapper()
          .writeValueAsString(Map.of(
              "paths", openApi.getPaths(), "schemas", openApi.getComponents().getSchemas()))
          .contains("#/components/schemas/" + name + "\"");
    } catch (Exception e) {
      return true;
    }
  }
}
