package dev.cadenza.api.uploads;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER_KEY;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.storage.PresignedUpload;
import dev.cadenza.upload.Upload;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The upload endpoints over MockMvc with {@link UploadService} mocked. */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY
    })
@ContextConfiguration(classes = {ApiWebTestConfiguration.class, UploadController.class})
class UploadControllerTest {
  private static final String ME = "usr_me";
  private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");
  private static final Upload PENDING = new Upload(
      "upl_1",
      7,
      ME,
      Upload.PENDING,
      "image/png",
      1000,
      "a.png",
      "uploads/upl_1",
      null,
      Map.of(),
      AT.plusSeconds(900),
      AT,
      null,
      null);

  @Autowired
  MockMvc mvc;

  @MockitoBean
  UploadService uploads;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @BeforeEach
  void signedIn() {
    given(apiKeyLookup.findActiveUserId(ApiKeys.hash(USER_KEY))).willReturn(Optional.of(ME));
  }

  @Test
  void creatingOneAnswers201WithWhereToPut() throws Exception {
    PresignedUpload put = new PresignedUpload(
        URI.create("https://storage.example.com/put"),
        "PUT",
        Map.of("Content-Type", "image/png"),
        AT.plusSeconds(900));
    given(uploads.create(eq(ME), any())).willReturn(new UploadService.Created(PENDING, put));

    mvc.perform(post("/v1/uploads")
            .header("Authorization", USER)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"contentType\":\"image/png\",\"sizeBytes\":1000,\"filename\":\"a.png\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/v1/uploads/upl_1"))
        .andExpect(jsonPath("$.id").value("upl_1"))
        .andExpect(jsonPath("$.status").value("pending"))
        .andExpect(jsonPath("$.method").value("PUT"))
        .andExpect(jsonPath("$.uploadUrl").value("https://storage.example.com/put"));
  }

  @Test
  void aSizeOfTheWrongTypeIsA422NamingIt() throws Exception {
    mvc.perform(post("/v1/uploads")
            .header("Authorization", USER)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"contentType\":\"image/png\",\"sizeBytes\":\"big\"}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("sizeBytes"));
    verifyNoInteractions(uploads);
  }

  @Test
  void completingOneNotReceivedIsAConflict() throws Exception {
    given(uploads.complete(ME, "upl_1"))
        .willThrow(new ApiException(HttpStatus.CONFLICT, "UPLOAD_NOT_RECEIVED", "No bytes yet."));

    mvc.perform(post("/v1/uploads/upl_1/complete").header("Authorization", USER))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("UPLOAD_NOT_RECEIVED"));
  }

  @Test
  void anotherUsersUploadIsNotFound() throws Exception {
    given(uploads.owned(ME, "upl_theirs")).willThrow(ApiException.notFound("Upload upl_theirs"));

    mvc.perform(get("/v1/uploads/upl_theirs").header("Authorization", USER))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void theListIsPagedAndRefusesABadLimit() throws Exception {
    given(uploads.list(ME, 2, null)).willReturn(List.of(PENDING, PENDING));

    mvc.perform(get("/v1/uploads?limit=1").header("Authorization", USER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.length()").value(1))
        .andExpect(jsonPath("$.nextCursor").isString());
    mvc.perform(get("/v1/uploads?limit=101").header("Authorization", USER))
        .andExpect(status().is4xxClientError())
        .andExpect(jsonPath("$.errors[0].field").value("limit"));
  }
}
