package dev.cadenza.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operationIds and paths of the document as clients and code generators need them.
 * Springdoc names an operation after its Java method and makes names unique with a suffix
 * ({@code create_1}, {@code get_2}), which depends on the order it read the controllers and turns
 * into unusable method names; a catch-all mapping ({@code /v1/files/**}) shows as a literal path.
 * The names here are keyed by method and path, the contract, so they survive controller rewrites.
 */
final class OperationNames {
  /** The name of the path parameter that stands for a catch-all ({@code **}) mapping. */
  static final String REST_OF_PATH = "key";

  private static final Map<String, String> IDS = Map.ofEntries(
      Map.entry("GET /v1/admin/fleet", "getFleet"),
      Map.entry("GET /v1/admin/generations/{id}", "adminGetGeneration"),
      Map.entry("POST /v1/admin/generations/{id}/retry", "retryGeneration"),
      Map.entry("POST /v1/admin/users", "createUser"),
      Map.entry("GET /v1/admin/users/{userId}", "getUser"),
      Map.entry("PUT /v1/admin/users/{userId}/concurrency", "setUserConcurrency"),
      Map.entry("POST /v1/admin/users/{userId}/credits", "addCredits"),
      Map.entry("POST /v1/admin/users/{userId}/refunds", "refundCredits"),
      Map.entry("POST /v1/batches", "createBatch"),
      Map.entry("GET /v1/credits/transactions", "listCreditTransactions"),
      Map.entry("GET /v1/credits/packages", "listCreditPackages"),
      Map.entry("POST /v1/credits/checkout", "createCheckout"),
      Map.entry("POST /v1/webhooks/stripe", "receiveStripeWebhook"),
      Map.entry("GET /v1/feed", "listFeed"),
      Map.entry("GET /v1/files/{" + REST_OF_PATH + "}", "downloadFile"),
      Map.entry("PUT /v1/files/{" + REST_OF_PATH + "}", "uploadFile"),
      Map.entry("POST /v1/uploads", "createUpload"),
      Map.entry("GET /v1/uploads", "listUploads"),
      Map.entry("GET /v1/uploads/{id}", "getUpload"),
      Map.entry("POST /v1/uploads/{id}/complete", "completeUpload"),
      Map.entry("GET /v1/generations", "listGenerations"),
      Map.entry("POST /v1/generations", "createGeneration"),
      Map.entry("GET /v1/generations/{id}", "getGeneration"),
      Map.entry("POST /v1/generations/{id}/cancel", "cancelGeneration"),
      Map.entry("GET /v1/generations/{id}/events", "followGeneration"),
      Map.entry("POST /v1/generations/{id}/publish", "publishGeneration"),
      Map.entry("DELETE /v1/generations/{id}/publish", "unpublishGeneration"),
      Map.entry("DELETE /v1/generations/{id}/publications/{index}", "cancelScheduledPublication"),
      Map.entry("GET /v1/me", "getAccount"),
      Map.entry("GET /v1/public/generations/{id}/{file}", "downloadPublishedFile"),
      Map.entry("GET /v1/tools", "listTools"));

  /** Catch-all paths become a path parameter, so the document has real paths. */
  static void rewriteCatchAllPaths(OpenAPI openApi) {
    Map<String, PathItem> paths = new LinkedHashMap<>(openApi.getPaths());
    paths.forEach((path, item) -> {
      if (!path.endsWith("/**")) {
        return;
      }
      openApi.getPaths().remove(path);
      openApi.getPaths().put(path.substring(0, path.length() - 2) + "{" + REST_OF_PATH + "}", item);
      item.readOperations().forEach(OperationNames::addRestOfPathParameter);
    });
  }

  private static void addRestOfPathParameter(Operation operation) {
    List<Parameter> parameters =
        operation.getParameters() == null ? new ArrayList<>() : operation.getParameters();
    parameters.add(
        0,
        new Parameter()
            .in("path")
            .name(REST_OF_PATH)
            .required(true)
            .description("The file's storage key, as in the download URL the service handed out"
                + " (it contains `/`: use that URL as it is).")
            .example("generations/gen_7f3a9c2e1b/audio.wav")
            .schema(ContractSchemas.typed("string")));
    operation.setParameters(parameters);
  }

  /** Names every operation: from the table, else from its method and path. */
  static void name(String path, PathItem.HttpMethod method, Operation operation) {
    String id = IDS.get(method.name() + " " + path);
    operation.setOperationId(id != null ? id : fromPath(method, path));
  }

  /** {@code PUT /v1/admin/users/{userId}/limits} -> {@code putAdminUsersByUserIdLimits}. */
  static String fromPath(PathItem.HttpMethod method, String path) {
    StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
    for (String segment : path.split("[/\\-_.]")) {
      if (segment.isEmpty() || segment.equals("v1")) {
        continue;
      }
      if (segment.startsWith("{")) {
        id.append("By");
        segment = segment.replaceAll("[{}*]", "");
      }
      if (!segment.isEmpty()) {
        id.append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
      }
    }
    return id.toString();
  }

  private OperationNames() {}
}
