package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MixTest {

  @Test
  void weightsGiveProportionsInterleaved() {
    Mix mix = Mix.parse("song:2,song-lyrics:1");

    assertThat(IntStream.range(0, 6).mapToObj(i -> mix.kind(i).id()))
        .containsExactly("song", "song-lyrics", "song", "song", "song-lyrics", "song");
    assertThat(mix.toString()).isEqualTo("song:2,song-lyrics:1");
  }

  @Test
  void newTypesAreKindsToo() {
    assertThat(Mix.parse("image").kind(0).type()).isEqualTo("image");
    assertThatThrownBy(() -> Mix.parse("video:1")).hasMessageContaining("unknown kind video");
    assertThatThrownBy(() -> Mix.parse("song:0")).hasMessageContaining("> 0");
  }
}
