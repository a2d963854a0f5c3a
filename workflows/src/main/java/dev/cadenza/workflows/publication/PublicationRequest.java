package dev.cadenza.workflows.publication;

import dev.cadenza.workflows.render.PublishTarget;
import dev.cadenza.workflows.storage.StoredAsset;

/**
 * Send a stored render to one target. {@code index} numbers the targets of the generation; with
 * the generation id it names the delivery, so a retry is recognisable as the same one.
 */
public record PublicationRequest(
    String generationId,
    String userId,
    int index,
    PublishTarget target,
    StoredAsset video,
    StoredAsset thumbnail) {}
