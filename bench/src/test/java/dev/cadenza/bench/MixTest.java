package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.workflows.generation.GenerationType;
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
  void uploadKindsAreParsedAndInterleavedAsAnyOther() {
    Mix mix = Mix.parse("image-to-3d-upload:1,song:1,render-upload:1");

    assertThat(IntStream.range(0, 3).mapToObj(i -> mix.kind(i).id()))
        .containsExactly("image-to-3d-upload", "song", "render-upload");
    assertThat(mix.kind(0)).isSameAs(UploadKind.IMAGE_TO_3D);
    assertThat(mix.kind(0).type()).isEqualTo(GenerationType.IMAGE_TO_3D);
    assertThat(mix.kind(2).type()).isEqualTo(GenerationType.RENDER);
    assertThat(mix.kind(1).upload(1)).isEmpty();
    assertThat(mix.toString()).isEqualTo("image-to-3d-upload:1,song:1,render-upload:1");
  }

  @Test
  void newTypesAreKindsToo() {
    assertThat(Mix.parse("image").kind(0).type()).isEqualTo(GenerationType.IMAGE);
    assertThatThrownBy(() -> Mix.parse("video:1")).hasMessageContaining("unknown kind video");
    assertThatThrownBy(() -> Mix.parse("song:0")).hasMessageContaining("> 0");
  }
}
