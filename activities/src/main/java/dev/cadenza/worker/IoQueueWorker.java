package dev.cadenza.worker;

import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.fetch.FetchActivities;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.publication.PublicationActivities;
import dev.cadenza.workflows.storage.StorageActivities;
import dev.cadenza.workflows.upload.UploadActivities;
import dev.cadenza.workflows.webhook.WebhookActivities;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Bookkeeping and I/O: the ledger and the read model (the compensations among them), storage,
 * downloads of user files, publications, webhooks and upload checks. All short, idempotent and
 * bounded by timeouts, waiting on PostgreSQL, storage or the network rather than on a model; one
 * pool sized by the database and the network serves them all.
 */
@Component
record IoQueueWorker(
    CreditsActivities credits,
    GenerationActivities generations,
    StorageActivities storage,
    FetchActivities fetch,
    PublicationActivities publications,
    WebhookActivities webhooks,
    UploadActivities uploads)
    implements QueueWorker {

  @Override
  public String role() {
    return "io";
  }

  @Override
  public String taskQueue() {
    return TaskQueues.IO;
  }

  @Override
  public List<Object> activities() {
    return List.of(credits, generations, storage, fetch, publications, webhooks, uploads);
  }
}
