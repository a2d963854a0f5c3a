package dev.cadenza.workflows.publication;

import dev.cadenza.workflows.render.Publication;

/**
 * A scheduled publication moved on (delivered, failed or canceled) after its generation
 * succeeded: {@code publication} replaces {@code output.publications[index]} in the read model.
 */
public record PublicationChange(String generationId, int index, Publication publication) {}
