package dev.cadenza.api.problem;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.ADMIN;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.credits.InsufficientCreditsException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every kind of failure answers problem+json with a stable code; nothing input-driven is a 500. */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY,
      "app.api.max-body-size=2KB"
    })
@ContextConfiguration(
    classes = {ApiWebTestConfiguration.class, ProblemHandlerTest.ProbeController.class})
class ProblemHandlerTest {
  @Autowired
  MockMvc mvc;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  private ResultActions postJson(String body) throws Exception {
    return mvc.perform(post("/v1/admin/probe/json")
        .header("Authorization", ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body));
  }

  private static ResultActions problem(ResultActions actions, int status, String code)
      throws Exception {
    return actions
        .andExpect(status().is(status))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.code").value(code))
        .andExpect(jsonPath("$.title").isString())
        .andExpect(jsonPath("$.detail").isString())
        .andExpect(jsonPath("$.type").value(startsWith("urn:cadenza:problem:")));
  }

  private MockHttpServletRequestBuilder adminGet(String path) {
    return get(path).header("Authorization", ADMIN);
  }

  @Test
  void validBodyPasses() throws Exception {
    postJson("{\"count\":2,\"kind\":\"SONG\",\"at\":\"2025-01-02T03:04:05Z\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.count").value(2));
  }

  @Test
  void beanValidationIs422WithFieldErrors() throws Exception {
    problem(
            postJson("{\"count\":0,\"items\":[{\"name\":\"a\"},{\"name\":\"\"}]}"),
            422,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors", hasSize(2)))
        .andExpect(jsonPath("$.errors[0].field").value("count"))
        .andExpect(jsonPath("$.errors[1].field").value("items[1].name"))
        .andExpect(jsonPath("$.errors[1].message").value("must not be blank"))
        .andExpect(jsonPath("$.instance").value("/v1/admin/probe/json"));
  }

  @Test
  void syntaxErrorsAreMalformed() throws Exception {
    problem(postJson("{\"count\": 1,"), 400, "MALFORMED_REQUEST");
    problem(postJson("{\"count\": }"), 400, "MALFORMED_REQUEST")
        .andExpect(jsonPath("$.detail").value(startsWith("The request body is not valid JSON")));
    problem(postJson("{\"items\": [{\"name\": tru}]}"), 400, "MALFORMED_REQUEST");
    problem(postJson("not json"), 400, "MALFORMED_REQUEST");
  }

  @Test
  void missingOrWrongDocumentIsMalformed() throws Exception {
    problem(postJson(""), 400, "MALFORMED_REQUEST");
    problem(postJson("[1, 2]"), 400, "MALFORMED_REQUEST");
    problem(postJson("\"text\""), 400, "MALFORMED_REQUEST");
    problem(postJson("null"), 400, "MALFORMED_REQUEST");
  }

  @Test
  void wrongTypesAre422WithThePath() throws Exception {
    problem(postJson("{\"count\":\"ten\"}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("count"))
        .andExpect(jsonPath("$.errors[0].message").value("must be an integer"));
    problem(
            postJson("{\"count\":1,\"items\":[{\"name\":\"a\",\"quantity\":[1]}]}"),
            422,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"));
    problem(postJson("{\"count\":1,\"items\":{\"name\":\"a\"}}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("items"))
        .andExpect(jsonPath("$.errors[0].message").value("must be an array"));
    problem(postJson("{\"count\":1,\"flag\":\"maybe\"}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].message").value("must be true or false"));
    problem(postJson("{\"count\":1,\"at\":\"yesterday\"}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].message").value("must be an RFC 3339 date-time"));
    problem(postJson("{\"count\":1,\"input\":[]}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("input"));
  }

  @Test
  void unknownEnumValueListsTheAcceptedOnes() throws Exception {
    problem(postJson("{\"count\":1,\"kind\":\"VIDEO\"}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("kind"))
        .andExpect(jsonPath("$.errors[0].message").value("must be one of [SONG, IMAGE]"));
  }

  @Test
  void numberOutOfRangeIs422() throws Exception {
    problem(postJson("{\"count\":99999999999999999999}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("count"))
        .andExpect(jsonPath("$.errors[0].message").value("is out of range"));
  }

  @Test
  void unsupportedMediaTypeIs415() throws Exception {
    problem(
        mvc.perform(post("/v1/admin/probe/json")
            .header("Authorization", ADMIN)
            .contentType(MediaType.TEXT_PLAIN)
            .content("count=1")),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    problem(
        mvc.perform(post("/v1/admin/probe/json").header("Authorization", ADMIN).content("{}")),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void wrongMethodIs405() throws Exception {
    problem(
        mvc.perform(delete("/v1/admin/probe/json").header("Authorization", ADMIN)),
        405,
        "METHOD_NOT_ALLOWED");
  }

  @Test
  void unknownRouteIs404() throws Exception {
    problem(mvc.perform(adminGet("/v1/admin/nothing-here")), 404, "NOT_FOUND")
        .andExpect(jsonPath("$.detail").value("No endpoint GET /v1/admin/nothing-here."));
  }

  @Test
  void problemJsonWhateverTheAcceptHeader() throws Exception {
    problem(
        mvc.perform(adminGet("/v1/admin/boom").accept(MediaType.APPLICATION_JSON)),
        404,
        "NOT_FOUND");
    problem(
        mvc.perform(adminGet("/v1/admin/probe/invalid-field").accept(MediaType.TEXT_HTML)),
        422,
        "VALIDATION_FAILED");
    problem(
        mvc.perform(adminGet("/v1/admin/probe/boom").accept(MediaType.IMAGE_PNG)), 500, "INTERNAL");
  }

  @Test
  void problemJsonEvenFromHandlersThatProduceJson() throws Exception {
    problem(
        mvc.perform(adminGet("/v1/admin/probe/produces-json").accept(MediaType.APPLICATION_JSON)),
        404,
        "NOT_FOUND");
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    String big = "{\"count\":1,\"input\":{\"text\":\"" + "x".repeat(3000) + "\"}}";
    problem(postJson(big), 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void parameters() throws Exception {
    problem(mvc.perform(adminGet("/v1/admin/probe/params")), 400, "MISSING_PARAMETER")
        .andExpect(jsonPath("$.errors[0].field").value("limit"));
    problem(mvc.perform(adminGet("/v1/admin/probe/params?limit=abc")), 400, "INVALID_PARAMETER")
        .andExpect(jsonPath("$.errors[0].field").value("limit"))
        .andExpect(jsonPath("$.errors[0].message").value("must be an integer"));
    problem(
            mvc.perform(adminGet("/v1/admin/probe/params?limit=5&after=x")),
            400,
            "INVALID_PARAMETER")
        .andExpect(jsonPath("$.errors[0].field").value("after"));
    problem(mvc.perform(adminGet("/v1/admin/probe/params?limit=101")), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("limit"))
        .andExpect(jsonPath("$.errors[0].message").value("must be less than or equal to 100"));
    mvc.perform(adminGet("/v1/admin/probe/params?limit=100")).andExpect(status().isOk());
  }

  @Test
  void apiExceptionKeepsItsStatusAndCode() throws Exception {
    problem(mvc.perform(adminGet("/v1/admin/probe/api-exception")), 409, "NOT_CANCELABLE")
        .andExpect(jsonPath("$.detail").value("The generation has finished."))
        .andExpect(jsonPath("$.type").value("urn:cadenza:problem:not-cancelable"))
        .andExpect(jsonPath("$.errors").doesNotExist());
    problem(mvc.perform(adminGet("/v1/admin/probe/invalid-field")), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("input.prompt"))
        .andExpect(jsonPath("$.errors[0].message").value("must not be blank"));
  }

  @Test
  void insufficientCreditsIs402() throws Exception {
    problem(mvc.perform(adminGet("/v1/admin/probe/insufficient")), 402, "INSUFFICIENT_CREDITS")
        .andExpect(jsonPath("$.available").value(5))
        .andExpect(jsonPath("$.required").value(40));
  }

  @Test
  void constraintViolationIs422() throws Exception {
    problem(mvc.perform(adminGet("/v1/admin/probe/constraint")), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("name"));
  }

  @Test
  void unexpectedExceptionIsAGeneric500() throws Exception {
    problem(mvc.perform(adminGet("/v1/admin/probe/boom")), 500, "INTERNAL")
        .andExpect(jsonPath("$.detail").value(not(containsString("secret"))));
  }

  /** Endpoints that fail in every way the handler must render. Admin path: the admin key works. */
  @RestController
  @RequestMapping("/v1/admin/probe")
  static class ProbeController {
    enum Kind {
      SONG,
      IMAGE
    }

    record Item(@NotBlank String name, Integer quantity) {}

    record Probe(
        @NotNull @Min(1) Integer count,
        Kind kind,
        Boolean flag,
        Instant at,
        @Valid List<Item> items,
        Map<String, Object> input) {}

    @PostMapping("/json")
    Probe json(@Valid @RequestBody Probe probe) {
      return probe;
    }

    @GetMapping("/params")
    Map<String, Object> params(
        @RequestParam @Min(1) @Max(100) int limit, @RequestParam(required = false) Long after) {
      return Map.of("limit", limit);
    }

    @GetMapping("/api-exception")
    void apiException() {
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemCode.NOT_CANCELABLE,
          "The generation has finished.",
          List.of());
    }

    @GetMapping("/invalid-field")
    void invalidField() {
      throw ApiException.invalidField("input.prompt", "must not be blank");
    }

    @GetMapping("/insufficient")
    void insufficient() {
      throw new InsufficientCreditsException("usr_1", 5, 40);
    }

    @GetMapping("/constraint")
    void constraint() {
      try (var factory = Validation.buildDefaultValidatorFactory()) {
        Validator validator = factory.getValidator();
        throw new ConstraintViolationException(validator.validate(new Item(" ", 1)));
      }
    }

    @GetMapping(value = "/produces-json", produces = "application/json")
    Map<String, Object> producesJson() {
      throw ApiException.notFound("Thing");
    }

    @GetMapping("/boom")
    void boom() {
      throw new IllegalStateException("secret internal detail");
    }
  }
}
