package dev.cadenza.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  @Test
  void keysHaveTheDocumentedShapeAndDiffer() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String key = ApiKeys.generate();
      assertThat(key).matches("cdz_[0-9A-Za-z]{32}");
      assertThat(ApiKeys.hasUserKeyShape(key)).isTrue();
      keys.add(key);
    }
    assertThat(keys).hasSize(1000);
  }

  @Test
  void hashIsSha256Hex() {
    assertThat(ApiKeys.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void displayPrefixIsTheFirstEightCharacters() {
    assertThat(ApiKeys.displayPrefix("cdz_AbCdEfGh")).isEqualTo("cdz_AbCd");
  }

  @Test
  void shapeCheck() {
    assertThat(ApiKeys.hasUserKeyShape(null)).isFalse();
    assertThat(ApiKeys.hasUserKeyShape("cdz_short")).isFalse();
    assertThat(ApiKeys.hasUserKeyShape("xyz_" + "a".repeat(32))).isFalse();
    assertThat(ApiKeys.hasUserKeyShape("cdz_" + "a".repeat(31) + "-")).isFalse();
    assertThat(ApiKeys.hasUserKeyShape("cdz_" + "a".repeat(33))).isFalse();
  }
}
