package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document as code generators and linters read it: operationIds that make method
 * names, real paths, no unused schemas, typed outputs, and a clean Redocly lint.
 */
class OpenApiLintTest extends EmbeddedStackTest {
  private static final List<String> METHODS =
      List.of("get", "post", "put", "patch", "delete", "head", "options");
  // An identifier in every language a generator writes, and not springdoc's `_1` disambiguation.
  private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z]*[a-zA-Z]");
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]*)}");

  private String text;
  private JsonNode doc;

  @BeforeEach
  void fetch() {
    Answer answer = new StackClient(port).get("/v3/api-docs", null);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    text = answer.text();
    doc = answer.json();
  }

  @Test
  void everyOperationHasAUniqueMeaningfulOperationId() {
    Map<String, String> byId = new HashMap<>();
    List<String> problems = new ArrayList<>();
    forEachOperation((name, operation) -> {
      String id = operation.path("operationId").asText();
      if (!NAME.matcher(id).matches()) {
        problems.add(name + ": " + id);
      }
      String other = byId.put(id, name);
      if (other != null) {
        problems.add(name + " and " + other + ": both " + id);
      }
    });
    assertThat(problems).isEmpty();
    assertThat(doc.at("/paths/~1v1~1generations/post/operationId").asText())
        .isEqualTo("createGeneration");
    assertThat(doc.at("/paths/~1v1~1batches/post/operationId").asText()).isEqualTo("createBatch");
    assertThat(doc.at("/paths/~1v1~1generations~1{id}/get/operationId").asText())
        .isEqualTo("getGeneration");
  }

  @Test
  void pathsAreTemplatesWithEveryParameterDeclared() {
    List<String> problems = new ArrayList<>();
    forEachOperation((name, operation) -> {
      String path = name.substring(name.indexOf(' ') + 1);
      if (path.contains("*")) {
        problems.add(name + ": a wildcard is no path");
      }
      Set<String> declared = new TreeSet<>();
      operation.path("parameters").forEach(p -> {
        if (p.path("in").asText().equals("path") && p.path("required").asBoolean()) {
          declared.add(p.path("name").asText());
        }
      });
      Set<String> inPath = new TreeSet<>();
      Matcher matcher = PATH_PARAMETER.matcher(path);
      while (matcher.find()) {
        inPath.add(matcher.group(1));
      }
      if (!declared.equals(inPath)) {
        problems.add(name + ": declares " + declared);
      }
    });
    assertThat(problems).isEmpty();
    JsonNode files = doc.at("/paths/~1v1~1files~1{key}/get");
    assertThat(files.path("summary").asText()).isEqualTo("Download a file");
    assertThat(files.path("security")).as("no key").isEmpty();
  }

  @Test
  void everySchemaIsUsedAndOutputsAreTyped() {
    List<String> unused = new ArrayList<>();
    doc.path("components").path("schemas").properties().forEach(schema -> {
      if (!text.contains("\"#/components/schemas/" + schema.getKey() + "\"")) {
        unused.add(schema.getKey());
      }
    });
    assertThat(unused).isEmpty();
    List<String> outputs = new ArrayList<>();
    // The output's schema is a component of its own (springdoc resolves the choices of a type's
    // @Schema, not of a JsonNode field's), and null is the `Null` schema.
    String output =
        doc.at("/components/schemas/Generation/properties/output/$ref").asText();
    doc.at("/components/schemas/" + output.substring(output.lastIndexOf('/') + 1) + "/anyOf")
        .forEach(choice -> outputs.add(choice.path("$ref").asText()));
    assertThat(outputs)
        .containsExactly(
            "#/components/schemas/SongOutput",
            "#/components/schemas/ImageOutput",
            "#/components/schemas/ImageTo3dOutput",
            "#/components/schemas/RenderOutput",
            "#/components/schemas/Null");
    assertThat(doc.at("/components/schemas/Null/type").asText()).isEqualTo("null");
    assertThat(doc.at("/components/schemas/SongOutput/properties/audio/$ref").asText())
        .isEqualTo("#/components/schemas/Asset");
    assertThat(doc.at("/components/schemas/RenderOutput/properties/video/$ref").asText())
        .isEqualTo("#/components/schemas/Asset");
  }

  /**
   * Redocly's recommended rules, as a user linting the document runs them: no error and no
   * warning but the missing license (the service has none to name). Needs the {@code redocly}
   * command ({@code npm install -g @redocly/cli}, or its path in {@code REDOCLY}); without it
   * the test is skipped on a workstation and fails in CI.
   */
  @Test
  void redoclyLintFindsNothingButTheLicense(@TempDir Path dir) throws Exception {
    String redocly = redocly();
    Path file = dir.resolve("openapi.json");
    Files.writeString(file, text);
    Path report = dir.resolve("lint.json");
    ProcessBuilder lint = new ProcessBuilder(
            redocly, "lint", "--format=json", "--max-problems=1000", file.toString())
        .redirectOutput(report.toFile())
        .redirectError(dir.resolve("lint.err").toFile());
    lint.environment().put("REDOCLY_TELEMETRY", "off");
    lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    Process process = lint.start();
    // Not a performance bound: only so that a hung linter cannot hang the build.
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("redocly finished").isTrue();
    String output = Files.readString(report);
    JsonNode result = new ObjectMapper().readTree(output.substring(output.indexOf('{')));
    List<String> problems = new ArrayList<>();
    result.path("problems").forEach(problem -> {
      if (!problem.path("ruleId").asText().equals("info-license")) {
        problems.add(
            problem.path("severity").asText() + " " + problem.path("ruleId").asText()
                + ": " + problem.path("message").asText() + " at "
                + problem.path("location").findValuesAsText("pointer"));
      }
    });
    assertThat(problems).isEmpty();
    assertThat(result.path("totals").path("errors").asInt(-1)).isZero();
  }

  private static String redocly() {
    String configured = System.getenv("REDOCLY");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, "redocly");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    String missing = "the redocly command is missing: npm install -g @redocly/cli (or set REDOCLY)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing);
    }
    Assumptions.abort(missing);
    return null;
  }

  private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> check) {
    doc.path("paths")
        .properties()
        .forEach(path -> METHODS.forEach(method -> {
          JsonNode operation = path.getValue().path(method);
          if (operation.isObject()) {
            check.accept(method + " " + path.getKey(), operation);
          }
        }));
  }
}
