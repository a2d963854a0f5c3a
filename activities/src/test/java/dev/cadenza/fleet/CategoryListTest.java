package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CategoryListTest {

  @Test
  void readsAJsonArray() {
    assertThat(CategoryList.parse("[\"Lo-Fi\", \"chill\", \"lo-fi\"]"))
        .containsExactly("lo-fi", "chill");
  }

  @Test
  void acceptsCommaSeparatedTextAndKeepsAtMostFour() {
    assertThat(CategoryList.parse("pop, rock,\njazz, folk, blues"))
        .containsExactly("pop", "rock", "jazz", "folk");
  }
}
