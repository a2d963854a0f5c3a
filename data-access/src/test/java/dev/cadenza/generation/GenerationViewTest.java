package dev.cadenza.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.storage.S3Connections;
import dev.cadenza.storage.S3ObjectStorage;
import dev.cadenza.storage.StorageProperties;
import dev.cadenza.workflows.generation.StepState;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.mock.env.MockEnvironment;

/**
 * The owner's view of a generation's files on S3 storage: presigned bucket URLs while it is
 * unpublished, the API's public URLs once published (presigning is local: nothing is called).
 */
class GenerationViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3ObjectStorage storage = S3Connections.open(new StorageProperties.S3(
      URI.create("http://s3.example:9000"), null, "us-east-1", "media", "access", "secret", false));
  private final GenerationView views = new GenerationView(
      storage,
      null,
      null,
      new PublicUrls(new MockEnvironment().withProperty("app.public-url", "https://api.example/")));

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void anUnpublishedGenerationsFilesHavePresignedUrls() throws Exception {
    JsonNode audio = views.summary(song(false)).path("output").path("audio");

    assertThat(audio.has("storageKey")).isFalse();
    assertThat(audio.path("url").asText())
        .startsWith("http://s3.example:9000/media/generations/gen_1/audio.wav?")
        .contains("X-Amz-Signature=", "X-Amz-Expires=3600");
    assertThat(audio.path("sha256").asText()).isEqualTo("00ff");
  }

  @Test
  void aPublishedGenerationsFilesHaveTheirPublicUrls() throws Exception {
    JsonNode view = views.summary(song(true));

    assertThat(view.path("published").asBoolean()).isTrue();
    assertThat(view.path("output").path("audio").path("url").asText())
        .isEqualTo("https://api.example/v1/public/generations/gen_1/audio.wav");
    assertThat(view.path("output").path("cover").path("url").asText())
        .isEqualTo("https://api.example/v1/public/generations/gen_1/cover.png");
    assertThat(view.toString()).doesNotContain("X-Amz", "storageKey");
  }

  @Test
  void aJustAdmittedGenerationShowsTheStepsItsWorkflowAnsweredWithoutAQuery() {
    WorkflowClient temporal = Mockito.mock(WorkflowClient.class);
    GenerationView admitting = new GenerationView(
        storage, null, new LiveSteps(temporal, new OutputDocument(JSON), null), null);
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    Generation queued = new Generation(
        "gen_2",
        2,
        "usr_1",
        "song",
        GenerationStatus.QUEUED,
        "song-gen_2",
        JSON.createObjectNode(),
        null,
        null,
        null,
        10,
        false,
        null,
        null,
        null,
        null,
        at,
        null,
        null,
        null);

    GenerationResource view = admitting.admitted(
        queued, List.of(StepState.pending("reserveCredits"), StepState.pending("writePrompt")));

    assertThat(JSON.valueToTree(view).path("steps"))
        .extracting(s -> s.path("name").asText() + " " + s.path("status").asText())
        .containsExactly("reserveCredits pending", "writePrompt pending");
    Mockito.verifyNoInteractions(temporal);
  }

  private static Generation song(boolean published) throws Exception {
    JsonNode output = JSON.readTree("""
        {"title": "Rain",
         "audio": {"storageKey": "generations/gen_1/audio.wav", "contentType": "audio/wav",
                   "sizeBytes": 4, "sha256": "00ff"},
         "cover": {"storageKey": "generations/gen_1/cover.png", "contentType": "image/png",
                   "sizeBytes": 4, "sha256": "00ee"}}""");
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    return new Generation(
        "gen_1",
        1,
        "usr_1",
        "song",
        GenerationStatus.SUCCEEDED,
        "song-gen_1",
        JSON.createObjectNode(),
        output,
        null,
        null,
        10,
        published,
        JSON.createArrayNode(),
        null,
        null,
        null,
        at,
        at,
        at,
        null);
  }
}
