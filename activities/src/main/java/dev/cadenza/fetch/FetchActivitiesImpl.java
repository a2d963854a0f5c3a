package dev.cadenza.fetch;

import dev.cadenza.net.OutboundProperties;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.fetch.FetchActivities;
import dev.cadenza.workflows.fetch.FetchRequest;
import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourceKind;
import dev.cadenza.workflows.fetch.SourcesRequest;
import dev.cadenza.workflows.media.StagedFile;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fetches the files users name by URL into the generation's staging area, through the {@link
 * GuardedFetcher}, and checks that the bytes are what they claim to be. A file that cannot be used
 * fails the step for good ({@code InvalidInput}, with the reason for the user); network faults
 * and 5xx answers are retried ({@code SourceUnavailable}, whose reason becomes the generation's
 * error if the retries run out).
 */
@Component("fetchActivities")
public class FetchActivitiesImpl implements FetchActivities, DisposableBean {
  static final String STAGING = "staging/";
  static final String RETRYABLE_TYPE = FailureTypes.SOURCE_UNAVAILABLE;

  private static final Map<SourceKind, Set<String>> TYPES = Map.of(
      SourceKind.IMAGE, Set.of("image/png", "image/jpeg"),
      SourceKind.VIDEO, Set.of("video/mp4"),
      SourceKind.AUDIO, Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"));

  private final ObjectStorage storage;
  private final FetchProperties limits;
  private final GuardedFetcher fetcher;

  public FetchActivitiesImpl(
      ObjectStorage storage, FetchProperties limits, OutboundProperties outbound) {
    this.storage = storage;
    this.limits = limits;
    this.fetcher = new GuardedFetcher(
        outbound.policy(), limits.connectTimeout(), limits.timeout(), limits.maxRedirects());
  }

  @Override
  public StagedFile fetchImage(FetchRequest request) {
    return fetch(request.generationId(), request.source(), request.name(), "imageUrl");
  }

  @Override
  public List<StagedFile> fetchSources(SourcesRequest request) {
    List<StagedFile> staged = new ArrayList<>();
    for (int i = 0; i < request.sources().size(); i++) {
      Source source = request.sources().get(i);
      staged.add(fetch(request.generationId(), source, "source-" + i, "sourceUrl " + source.url()));
    }
    return staged;
  }

  @Override
  public void destroy() {
    fetcher.close();
  }

  private StagedFile fetch(String generationId, Source source, String baseName, String what) {
    GuardedFetcher.Fetched fetched;
    try {
      fetched = fetcher.fetch(source.url(), TYPES.get(source.kind()), maxBytes(source.kind()));
    } catch (FetchException e) {
      String message = "The file at " + what + " could not be used: " + e.getMessage();
      throw e.retryable()
          ? ApplicationFailure.newFailure(message, RETRYABLE_TYPE)
          : ApplicationFailure.newNonRetryableFailure(message, FailureTypes.INVALID_INPUT);
    }
    try {
      Map<String, String> facts = FileFacts.check(
              source.kind(), fetched.contentType(), fetched.file())
          .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
              "The file at " + what + " could not be used: it is not the " + fetched.contentType()
                  + " file it claims to be.",
              FailureTypes.INVALID_INPUT));
      String name = baseName + FileFacts.extension(fetched.contentType());
      String key = STAGING + generationId + "/" + name;
      storage.put(key, fetched.file(), fetched.contentType());
      return new StagedFile(
          key, name, fetched.contentType(), fetched.sizeBytes(), fetched.sha256(), facts);
    } finally {
      try {
        Files.deleteIfExists(fetched.file());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private long maxBytes(SourceKind kind) {
    return switch (kind) {
      case IMAGE -> limits.maxImageBytes().toBytes();
      case VIDEO -> limits.maxVideoBytes().toBytes();
      case AUDIO -> limits.maxAudioBytes().toBytes();
    };
  }
}
