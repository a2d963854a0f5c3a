package dev.cadenza.gpuworker.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory, but never more than {@code maxBytes}: a longer body (by its
 * {@code Content-Length}, or once that many bytes arrived) aborts the exchange with {@link
 * TooLargeException} instead of filling the heap.
 */
public final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body was longer than the limit. */
  public static final class TooLargeException extends IOException {
    private final long limit;

    TooLargeException(long limit) {
      super("response body larger than " + limit + " bytes");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  private final long maxBytes;
  private final long declaredLength;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  private LimitedBody(long maxBytes, long declaredLength) {
    this.maxBytes = maxBytes;
    this.declaredLength = declaredLength;
  }

  /** A body handler reading at most {@code maxBytes}. */
  public static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
    return info -> new LimitedBody(
        maxBytes, info.headers().firstValueAsLong("content-length").orElse(-1));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredLength > maxBytes) {
      subscription.cancel();
      result.completeExceptionally(new TooLargeException(maxBytes));
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + (long) buffer.remaining() > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(new TooLargeException(maxBytes));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
