package dev.cadenza.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.cadenza.storage.LocalObjectStorage;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.storage.StorageConfiguration;
import dev.cadenza.workflows.text.PromptRequest;
import dev.cadenza.workflows.text.TextActivities;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FaultInjectionTest {

  @TempDir
  Path dir;

  private final TextActivities llm = mock(TextActivities.class);

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(StorageConfiguration.class, FaultInjectionConfiguration.class)
        .withBean("textActivities", TextActivities.class, () -> llm)
        .withPropertyValues("app.storage.local.dir=" + dir);
  }

  @Test
  void offByDefault() {
    runner().run(context -> {
      assertThat(context.getBean(ObjectStorage.class)).isInstanceOf(LocalObjectStorage.class);
      assertThat(context.getBean(TextActivities.class)).isSameAs(llm);
    });
  }

  @Test
  void storageWritesFailAtRateOneWhileReadsStillWork() {
    runner().withPropertyValues("app.faults.storage-error-rate=1").run(context -> {
      ObjectStorage storage = context.getBean(ObjectStorage.class);
      assertThat(context.getBean(TextActivities.class)).isSameAs(llm);

      assertThatThrownBy(() -> storage.put("a/b.txt", bytes("x"), "text/plain"))
          .isInstanceOf(InjectedFaultException.class)
          .hasMessageContaining("put a/b.txt");
      assertThatThrownBy(() -> storage.copy("a/b.txt", "a/c.txt"))
          .isInstanceOf(InjectedFaultException.class);
      assertThat(storage.stat("a/b.txt")).isEmpty();
      assertThat(storage.list("a/")).isEmpty();
    });
  }

  @Test
  void llmStepsFailAfterTheModelAnswered() {
    PromptRequest request = new PromptRequest("user-1", "rain", 7);
    when(llm.writePrompt(any())).thenReturn("lo-fi, 70 bpm");

    runner().withPropertyValues("app.faults.llm-error-rate=1").run(context -> {
      TextActivities faulty = context.getBean(TextActivities.class);

      assertThatThrownBy(() -> faulty.writePrompt(request))
          .isInstanceOf(InjectedFaultException.class)
          .hasMessageContaining("writePrompt");
      verify(llm).writePrompt(request);
      assertThat(context.getBean(ObjectStorage.class)).isInstanceOf(LocalObjectStorage.class);
    });
  }

  @Test
  void aPartialRateFailsAboutThatShareOfCalls() {
    FaultRate rate = new FaultRate("test", 0.1);
    long struck = IntStream.range(0, 20_000).filter(i -> rate.strikes()).count();

    // Binomial(20000, 0.1): mean 2000, standard deviation about 42.
    assertThat(struck).isBetween(1700L, 2300L);
    assertThat(IntStream.range(0, 1000).anyMatch(i -> new FaultRate("off", 0).strikes()))
        .isFalse();
  }

  @Test
  void refusesRatesOutsideZeroToOne() {
    runner()
        .withPropertyValues("app.faults.llm-error-rate=1.5")
        .run(context -> assertThat(context)
            .getFailure()
            .hasRootCauseMessage("app.faults.llm-error-rate must be within 0..1, was 1.5"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
