package dev.cadenza.workflows.storage;

import dev.cadenza.workflows.media.StagedFile;
import java.util.List;

/** Promote a generation's staged files to their final keys. */
public record StoreRequest(String generationId, List<StagedFile> files) {}
