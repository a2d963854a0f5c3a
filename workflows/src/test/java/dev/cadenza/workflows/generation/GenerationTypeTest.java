package dev.cadenza.workflows.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.workflows.WorkflowIds;
import dev.cadenza.workflows.batch.BatchItem;
import dev.cadenza.workflows.credits.AdmittedGeneration;
import dev.cadenza.workflows.image.ImageOutput;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The type names are API.md's, the database's and the search attribute's: they must not change.
 * Payloads travel through Temporal's own data converter, as the workers and the API send them.
 */
class GenerationTypeTest {
  private static final DataConverter TEMPORAL = DefaultDataConverter.STANDARD_INSTANCE;

  @Test
  void theWireNamesAreTheContractsInItsOrder() {
    assertThat(GenerationType.wireNames())
        .containsExactly("song", "image", "image-to-3d", "render");
    assertThat(GenerationType.IMAGE_TO_3D).hasToString("image-to-3d");
  }

  @ParameterizedTest
  @EnumSource(GenerationType.class)
  void theWorkflowTypeIsTheOneTheSdkRegisters(GenerationType type) {
    String registered = POJOWorkflowInterfaceMetadata.newInstance(type.workflow())
        .getWorkflowType()
        .orElseThrow();

    assertThat(type.workflowType()).isEqualTo(registered);
  }

  @ParameterizedTest
  @EnumSource(GenerationType.class)
  void aWorkflowIdNamesTheTypeAndGivesBackTheGenerationId(GenerationType type) {
    String workflowId = type.workflowId("gen_abc");

    assertThat(workflowId).isEqualTo(type.wireName() + "-gen_abc").startsWith(type.idPrefix());
    assertThat(WorkflowIds.generationId(workflowId)).isEqualTo("gen_abc");
    assertThat(GenerationType.of(type.wireName())).isSameAs(type);
  }

  @Test
  void anUnknownNameIsNoType() {
    assertThat(GenerationType.find("video")).isEmpty();
    assertThat(GenerationType.find(null)).isEmpty();
    assertThatThrownBy(() -> GenerationType.of("Song"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Song");
  }

  @Test
  void payloadsCarryTheWireNameAndReadTheStringsRecordedBefore() {
    AdmittedGeneration admitted = new AdmittedGeneration(
        "gen_1",
        "usr_1",
        GenerationType.IMAGE_TO_3D,
        "image-to-3d-gen_1",
        "{}",
        6,
        null,
        null,
        null);

    Payload payload = TEMPORAL.toPayload(admitted).orElseThrow();

    assertThat(payload.getData().toStringUtf8()).contains("\"type\":\"image-to-3d\"");
    assertThat(TEMPORAL.fromPayload(payload, AdmittedGeneration.class, AdmittedGeneration.class))
        .isEqualTo(admitted);
    assertThat(admitted.description()).isEqualTo("image-to-3d gen_1");
  }

  @Test
  void aBatchItemRecordedWithAStringTypeReadsAsTheType() {
    Payload recorded = TEMPORAL
        .toPayload(Map.of(
            "workflowType", "SongGenerationWorkflow",
            "workflowId", "song-gen_1",
            "type", "song",
            "userId", "usr_1",
            "summary", "song, 10 credits"))
        .orElseThrow();

    BatchItem item = TEMPORAL.fromPayload(recorded, BatchItem.class, BatchItem.class);

    assertThat(item.type()).isSameAs(GenerationType.SONG);
  }

  @Test
  void anOutputIsTaggedWithItsTypesWireName() {
    GenerationOutput output = new ImageOutput(new StoredAsset(
        "image.png", "generations/gen_1/image.png", "image/png", 1, "ab", Map.of()));

    Payload payload = TEMPORAL.toPayload(output).orElseThrow();

    assertThat(payload.getData().toStringUtf8()).contains("\"kind\":\"image\"");
    assertThat(TEMPORAL.fromPayload(payload, GenerationOutput.class, GenerationOutput.class))
        .isEqualTo(output);
  }
}
