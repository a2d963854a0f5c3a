package dev.cadenza.api.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.generation.PublicUrls;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.storage.S3Connections;
import dev.cadenza.storage.StorageProperties;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Public files and the feed on S3 storage: the API streams a published generation's file from
 * the bucket over the S3 protocol (the real SDK client of {@code S3ObjectStorage} against {@link
 * FakeS3}), never hands out a presigned URL in the feed, and does not touch the bucket at all for
 * a generation that is not published. The end-to-end tests cover the same on local storage.
 */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY,
      "app.public-url=https://cadenza.example"
    })
@ContextConfiguration(
    classes = {
      ApiWebTestConfiguration.class,
      PublicFileController.class,
      FeedController.class,
      FeedView.class,
      PublicUrls.class,
      S3PublicFilesTest.S3Storage.class
    })
class S3PublicFilesTest {
  private static final FakeS3 S3 = FakeS3.start();
  private static final String BUCKET = "media";
  private static final String ID = "gen_00112233445566778899";
  private static final String AUDIO_KEY = "generations/" + ID + "/audio.wav";
  private static final byte[] AUDIO = "RIFF....WAVEfmt fake audio bytes".getBytes();
  private static final String SHA = "ab".repeat(32);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestConfiguration(proxyBeanMethods = false)
  static class S3Storage {
    @Bean
    ObjectStorage objectStorage() {
      return S3Connections.open(new StorageProperties.S3(
          S3.endpoint(), null, "us-east-1", BUCKET, "access", "secret", false));
    }
  }

  @Autowired
  MockMvc mvc;

  @MockitoBean
  PublishedGenerations published;

  @MockitoBean
  PublishingService publishing;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @BeforeEach
  void store() {
    // Which file of the output is asked for is the service's own logic: it reads the mocked
    // publishedOutput below.
    given(published.publishedFile(any(), any())).willCallRealMethod();
    S3.put(BUCKET, AUDIO_KEY, AUDIO, "audio/wav");
    // In the bucket under the generation's prefix, but not named by its output.
    S3.put(BUCKET, "generations/" + ID + "/draft.wav", AUDIO, "audio/wav");
    S3.clearRequests();
  }

  @AfterAll
  static void stop() {
    S3.close();
  }

  @Test
  void aPublishedFileIsStreamedFromTheBucketWithoutAKey() throws Exception {
    given(published.publishedOutput(ID)).willReturn(Optional.of(output()));

    mvc.perform(get("/v1/public/generations/" + ID + "/audio.wav"))
        .andExpect(status().isOk())
        .andExpect(content().contentType("audio/wav"))
        .andExpect(content().bytes(AUDIO))
        .andExpect(header().string("Cache-Control", "no-cache"))
        .andExpect(header().string("ETag", "\"" + SHA + "\""))
        .andExpect(header().string("Accept-Ranges", "bytes"));

    assertThat(S3.requests())
        .containsExactly("HEAD /media/" + AUDIO_KEY, "GET /media/" + AUDIO_KEY);
  }

  @Test
  void rangesAndRevalidationsAreAnswered() throws Exception {
    given(published.publishedOutput(ID)).willReturn(Optional.of(output()));
    String url = "/v1/public/generations/" + ID + "/audio.wav";

    mvc.perform(get(url).header("Range", "bytes=4-11"))
        .andExpect(status().isPartialContent())
        .andExpect(header().string("Content-Range", "bytes 4-11/" + AUDIO.length))
        .andExpect(content().bytes(Arrays.copyOfRange(AUDIO, 4, 12)));
    mvc.perform(get(url).header("Range", "bytes=" + AUDIO.length + "-"))
        .andExpect(status().isRequestedRangeNotSatisfiable())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("RANGE_NOT_SATISFIABLE"));
    S3.clearRequests();
    mvc.perform(get(url).header("If-None-Match", "\"" + SHA + "\""))
        .andExpect(status().isNotModified());
    assertThat(S3.requests())
        .as("the bytes are not fetched")
        .doesNotContain("GET /media/" + AUDIO_KEY);
  }

  @Test
  void anUnpublishedGenerationsFilesAreNotFoundAndTheBucketIsNotAsked() throws Exception {
    given(published.publishedOutput(ID)).willReturn(Optional.empty());

    mvc.perform(get("/v1/public/generations/" + ID + "/audio.wav"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));

    assertThat(S3.requests()).isEmpty();
  }

  @Test
  void onlyTheFilesItsOutputNamesAreServed() throws Exception {
    given(published.publishedOutput(ID)).willReturn(Optional.of(output()));

    for (String file : List.of("draft.wav", "AUDIO.WAV", "audio.wa")) {
      mvc.perform(get("/v1/public/generations/" + ID + "/" + file))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }
    assertThat(S3.requests()).isEmpty();
  }

  @Test
  void theFeedShowsPublicUrlsAndNothingPrivate() throws Exception {
    JsonNode output = output();
    ((com.fasterxml.jackson.databind.node.ObjectNode) output)
        .putArray("publications")
        .addObject()
        .put("url", "https://hooks.example/secret-token");
    given(publishing.feed(21, null))
        .willReturn(List.of(new FeedEntry(
            7, ID, "song", output, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH.plusSeconds(60))));

    String body = mvc.perform(get("/v1/feed"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data[0].id").value(ID))
        .andExpect(jsonPath("$.data[0].output.audio.url")
            .value("https://cadenza.example/v1/public/generations/" + ID + "/audio.wav"))
        .andExpect(jsonPath("$.data[0].output.audio.sha256").value(SHA))
        .andExpect(jsonPath("$.data[0].publishedAt").value("1970-01-01T00:01:00Z"))
        .andExpect(jsonPath("$.nextCursor").isEmpty())
        .andReturn()
        .getResponse()
        .getContentAsString();

    assertThat(body).doesNotContain("storageKey", "X-Amz", "publications", "secret-token", "input");
    assertThat(S3.requests()).as("no presigning, no calls").isEmpty();
  }

  private static JsonNode output() throws Exception {
    return JSON.readTree("""
        {"title": "Rain", "audio": {"storageKey": "%s", "contentType": "audio/wav",
         "sizeBytes": %d, "sha256": "%s"}}""".formatted(AUDIO_KEY, AUDIO.length, SHA));
  }
}
