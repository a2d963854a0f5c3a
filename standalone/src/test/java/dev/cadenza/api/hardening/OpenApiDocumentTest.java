package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document of the running service describes the contract of API.md: every
 * operation of it that the code has, with a summary and a tag, the bearer scheme, and the
 * problem+json answers; Swagger UI serves it.
 */
class OpenApiDocumentTest extends EmbeddedStackTest {
  /** The operations of API.md that the service implements, as path to methods. */
  private static final Map<String, List<String>> CONTRACT = Map.ofEntries(
      Map.entry("/v1/admin/users", List.of("post")),
      Map.entry("/v1/admin/users/{userId}/credits", List.of("post")),
      Map.entry("/v1/admin/users/{userId}/refunds", List.of("post")),
      Map.entry("/v1/admin/fleet", List.of("get")),
      Map.entry("/v1/admin/generations/{id}", List.of("get")),
      Map.entry("/v1/admin/generations/{id}/retry", List.of("post")),
      Map.entry("/v1/me", List.of("get")),
      Map.entry("/v1/credits/transactions", List.of("get")),
      Map.entry("/v1/generations", List.of("post", "get")),
      Map.entry("/v1/generations/{id}", List.of("get")),
      Map.entry("/v1/generations/{id}/cancel", List.of("post")),
      Map.entry("/v1/tools", List.of("get")),
      Map.entry("/v1/batches", List.of("post")),
      Map.entry("/v1/generations/{id}/publish", List.of("post", "delete")),
      Map.entry("/v1/feed", List.of("get")),
      Map.entry("/v1/public/generations/{id}/{file}", List.of("get")));

  private static final List<String> METHODS =
      List.of("get", "post", "put", "patch", "delete", "head", "options");

  private StackClient api;
  private JsonNode doc;

  @BeforeEach
  void fetch() {
    api = new StackClient(port);
    Answer answer = api.get("/v3/api-docs", null);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    doc = answer.json();
  }

  @Test
  void everyOperationOfTheContractIsDocumented() {
    JsonNode paths = doc.path("paths");
    CONTRACT.forEach((path, methods) -> {
      assertThat(paths.has(path)).as("path %s in %s", path, paths.properties()).isTrue();
      for (String method : methods) {
        JsonNode operation = paths.path(path).path(method);
        assertThat(operation.isObject()).as("%s %s", method, path).isTrue();
        assertThat(operation.path("summary").asText())
            .as("summary of %s %s", method, path)
            .isNotBlank();
        assertThat(operation.path("tags")).as("tags of %s %s", method, path).isNotEmpty();
      }
    });
  }

  @Test
  void theDocumentDescribesTheApiAndItsBearerScheme() {
    assertThat(doc.path("info").path("title").asText()).isEqualTo("Cadenza API");
    assertThat(doc.path("info").path("version").asText()).isNotBlank();
    JsonNode schemes = doc.path("components").path("securitySchemes");
    assertThat(schemes.properties()).isNotEmpty();
    JsonNode scheme = schemes.properties().iterator().next().getValue();
    assertThat(scheme.path("type").asText()).isEqualTo("http");
    assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
    assertThat(doc.path("security")).isNotEmpty();
    List<String> tags = doc.path("tags").findValuesAsText("name");
    assertThat(tags).contains("Generations", "Account", "Admin");
    // Public endpoints need no key.
    JsonNode files = doc.path("paths").path("/v1/files/{key}").path("get");
    if (files.isObject()) {
      assertThat(files.path("security")).isEmpty();
    }
  }

  @Test
  void every4xxAnswerIsAProblem() {
    JsonNode problem = doc.path("components").path("schemas").path("Problem");
    assertThat(problem.path("properties").properties())
        .extracting(Map.Entry::getKey)
        .contains("type", "title", "status", "detail", "code", "errors");
    List<String> required = new ArrayList<>();
    problem.path("required").forEach(name -> required.add(name.asText()));
    assertThat(required).contains("status", "code");
    List<String> missing = new ArrayList<>();
    doc.path("paths")
        .properties()
        .forEach(path -> METHODS.forEach(method -> {
          JsonNode operation = path.getValue().path(method);
          if (!operation.isObject()) {
            return;
          }
          boolean anyProblem = false;
          for (var response : operation.path("responses").properties()) {
            String status = response.getKey();
            if (!status.startsWith("4") && !status.startsWith("5")) {
              continue;
            }
            anyProblem = true;
            JsonNode content = response.getValue().path("content");
            String ref = content
                .path("application/problem+json")
                .path("schema")
                .path("$ref")
                .asText();
            if (!ref.equals("#/components/schemas/Problem") || content.size() != 1) {
              missing.add(method + " " + path.getKey() + " " + status + ": " + content);
            }
          }
          if (!anyProblem) {
            missing.add(method + " " + path.getKey() + ": no 4xx documented");
          }
        }));
    assertThat(missing).isEmpty();
    JsonNode create = doc.path("paths").path("/v1/generations").path("post").path("responses");
    assertThat(create.properties()).extracting(Map.Entry::getKey).contains("401", "402", "422");
    JsonNode cancel =
        doc.path("paths").path("/v1/generations/{id}/cancel").path("post").path("responses");
    assertThat(cancel.properties()).extracting(Map.Entry::getKey).contains("404", "409");
  }

  @Test
  void inputBoundsAreTheOnesTheConstraintsCheck() {
    JsonNode song = doc.at("/components/schemas/SongInput/properties");
    assertThat(song.at("/durationSeconds/type").asText()).isEqualTo("integer");
    assertThat(song.at("/durationSeconds/minimum").asInt()).isEqualTo(10);
    assertThat(song.at("/durationSeconds/maximum").asInt()).isEqualTo(240);
    assertThat(song.at("/guidanceScale/type").asText()).isEqualTo("number");
    assertThat(song.at("/guidanceScale/maximum").asInt()).isEqualTo(20);
    assertThat(song.at("/seed/minimum").asInt()).isZero();
    assertThat(song.at("/seed/format").asText()).isEqualTo("int64");
    assertThat(song.path("seed").has("maximum"))
        .as("long's whole range is no bound")
        .isFalse();
    assertThat(song.at("/description/maxLength").asInt()).isEqualTo(3000);
    assertThat(doc.at("/components/schemas/TimelineClip/properties/color/maxLength")
            .asInt())
        .isEqualTo(9);
  }

  @Test
  void theOperatorEndpointsDocumentTheirAnswers() {
    JsonNode paths = doc.path("paths");
    JsonNode retry = paths.path("/v1/admin/generations/{id}/retry").path("post");
    assertThat(retry.path("tags").get(0).asText()).isEqualTo("Admin");
    assertThat(retry.path("responses").properties())
        .extracting(Map.Entry::getKey)
        .contains("201", "401", "402", "403", "404", "409");
    assertThat(retry.at("/responses/201/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/Generation");
    JsonNode refund = paths.path("/v1/admin/users/{userId}/refunds").path("post");
    assertThat(refund.path("responses").properties())
        .extracting(Map.Entry::getKey)
        .contains("201", "401", "403", "404", "409", "422");
    assertThat(refund.path("responses").has("200")).isFalse();
    String refundView =
        refund.at("/responses/201/content/application~1json/schema/$ref").asText();
    assertThat(doc.at("/components/schemas/" + refundView.substring(refundView.lastIndexOf('/') + 1)
                + "/properties")
            .properties())
        .extracting(Map.Entry::getKey)
        .contains("transaction", "account");
    JsonNode fleet = paths.path("/v1/admin/fleet").path("get");
    assertThat(fleet.path("tags").get(0).asText()).isEqualTo("Admin");
    assertThat(fleet.at("/responses/200/content/application~1json/schema/$ref").asText())
        .isNotBlank();
  }

  @Test
  void generationsAreDescribedAsTheContractShowsThem() {
    JsonNode paths = doc.path("paths");
    assertThat(paths
            .at("/~1v1~1generations/post/responses/201/content/application~1json/schema/$ref")
            .asText())
        .isEqualTo("#/components/schemas/Generation");
    assertThat(paths
            .at(
                "/~1v1~1generations~1{id}~1cancel/post/responses/202/content/application~1json/schema/$ref")
            .asText())
        .isEqualTo("#/components/schemas/Generation");
    assertThat(paths
            .at("/~1v1~1generations/get/responses/200/content/application~1json/schema/$ref")
            .asText())
        .isEqualTo("#/components/schemas/GenerationPage");
    JsonNode generation = doc.at("/components/schemas/Generation/properties");
    assertThat(generation.properties())
        .extracting(Map.Entry::getKey)
        .contains(
            "id",
            "type",
            "status",
            "input",
            "output",
            "error",
            "cost",
            "published",
            "progress",
            "steps",
            "createdAt",
            "startedAt",
            "completedAt");
    List<String> types = new ArrayList<>();
    doc.at("/components/schemas/CreateGenerationRequest/properties/type/enum")
        .forEach(t -> types.add(t.asText()));
    assertThat(types).containsExactly("song", "image", "image-to-3d", "render");
  }

  @Test
  void buildingOnEarlierGenerationsIsDocumented() {
    JsonNode schemas = doc.path("components").path("schemas");
    assertThat(schemas.at("/Generation/properties/parentId/description").asText())
        .contains("imageFrom", "remixOf");
    assertThat(schemas.at("/ImageTo3dInput/properties/imageFrom/description").asText())
        .contains("only the mesh step");
    assertThat(schemas.at("/SongInput/properties/remixOf/description").asText())
        .contains("published");
    assertThat(schemas.at("/SongInput/description").asText())
        .contains("remixOf", "guidanceScale", "seed");
  }

  @Test
  void publishingAndTheFeedAreDocumented() {
    JsonNode paths = doc.path("paths");
    for (String method : List.of("post", "delete")) {
      JsonNode publish = paths.path("/v1/generations/{id}/publish").path(method);
      assertThat(publish.path("responses").properties())
          .extracting(Map.Entry::getKey)
          .contains("200", "401", "403", "404", "409");
      assertThat(
              publish.at("/responses/200/content/application~1json/schema/$ref").asText())
          .isEqualTo("#/components/schemas/Generation");
      assertThat(publish.at("/responses/409/description").asText()).contains("NOT_PUBLISHABLE");
    }
    JsonNode feed = paths.path("/v1/feed").path("get");
    assertThat(feed.path("tags").get(0).asText()).isEqualTo("Public");
    assertThat(feed.path("security")).as("no key").isEmpty();
    assertThat(feed.path("responses").has("401")).isFalse();
    assertThat(feed.at("/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/FeedPage");
    assertThat(doc.at("/components/schemas/FeedItem/properties").properties())
        .extracting(Map.Entry::getKey)
        .contains("id", "type", "output", "publishedAt")
        .doesNotContain("input", "userId", "email");
    JsonNode file = paths.path("/v1/public/generations/{id}/{file}").path("get");
    assertThat(file.path("tags").get(0).asText()).isEqualTo("Public");
    assertThat(file.path("security")).as("no key").isEmpty();
    assertThat(file.path("responses").properties())
        .extracting(Map.Entry::getKey)
        .contains("200", "404")
        .doesNotContain("401", "403");
  }

  @Test
  void swaggerUiAnswers() {
    Answer ui = api.get("/swagger-ui/index.html", null);
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.contentType()).startsWith("text/html");
    Answer config = api.get("/v3/api-docs/swagger-config", null);
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().path("url").asText()).isEqualTo("/v3/api-docs");
  }
}
