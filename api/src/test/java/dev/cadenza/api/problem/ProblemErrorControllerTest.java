package dev.cadenza.api.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cadenza.api.auth.ApiKeyLookup;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The container's error dispatch (errors thrown in filters, {@code sendError}) answers
 * problem+json. MockMvc does not forward to {@code /error}, so the test sets the attributes the
 * container would.
 */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY
    })
@ContextConfiguration(
    classes = {ApiWebTestConfiguration.class, ProblemHandlerTest.ProbeController.class})
class ProblemErrorControllerTest {
  @Autowired
  MockMvc mvc;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @Test
  void filterExceptionIsAGeneric500() throws Exception {
    mvc.perform(get("/error")
            .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
            .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/v1/generations")
            .requestAttr(
                DefaultErrorAttributes.class.getName() + ".ERROR",
                new IllegalStateException("database password is hunter2")))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INTERNAL"))
        .andExpect(jsonPath("$.detail").value("An unexpected error occurred. It has been logged."))
        .andExpect(jsonPath("$.instance").value("/v1/generations"));
  }

  @Test
  void apiExceptionFromAFilterKeepsItsCode() throws Exception {
    mvc.perform(get("/error")
            .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
            .requestAttr(
                RequestDispatcher.ERROR_EXCEPTION,
                new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED, "Slow down.")))
        .andExpect(status().isTooManyRequests())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
        .andExpect(jsonPath("$.detail").value("Slow down."));
  }

  @Test
  void sendErrorStatusesGetTheirCode() throws Exception {
    mvc.perform(get("/error")
            .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 413)
            .requestAttr(RequestDispatcher.ERROR_MESSAGE, "Request too large"))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.code").value("PAYLOAD_TOO_LARGE"))
        .andExpect(jsonPath("$.detail").value("Request too large"));
    mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 401))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer"))
        .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
  }

  @Test
  void directVisitIsNotFound() throws Exception {
    mvc.perform(get("/error").accept(MediaType.TEXT_HTML))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }
}
