package dev.cadenza.testsupport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.NewGeneration;

/** Inserts a queued song generation row for tests that need one to hang events or steps on. */
public final class TestGenerations {

  public static String insert(GenerationStore store, String userId) {
    String id = "gen_" + System.nanoTime();
    store.insert(new NewGeneration(
        id,
        userId,
        "song",
        "song-" + id,
        JsonNodeFactory.instance.objectNode().put("description", "rain"),
        10,
        null));
    return id;
  }

  private TestGenerations() {}
}
