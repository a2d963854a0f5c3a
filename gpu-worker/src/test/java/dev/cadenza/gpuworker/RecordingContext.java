package dev.cadenza.gpuworker;

import dev.cadenza.gpuworker.runner.JobCanceledException;
import dev.cadenza.gpuworker.runner.RunContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunContext} for calling a runner directly: records progress and outputs. */
final class RecordingContext implements RunContext {

  final List<String> progress = new CopyOnWriteArrayList<>();
  final Map<String, byte[]> outputs = new LinkedHashMap<>();
  final Map<String, String> contentTypes = new LinkedHashMap<>();
  private final String jobId;
  private volatile boolean canceled;

  RecordingContext(String jobId) {
    this.jobId = jobId;
  }

  void cancel() {
    canceled = true;
  }

  @Override
  public String jobId() {
    return jobId;
  }

  @Override
  public void progress(String stage, int percent) {
    checkCanceled();
    progress.add(stage + ":" + percent);
  }

  @Override
  public synchronized void emitOutput(String name, String contentType, byte[] bytes) {
    checkCanceled();
    outputs.put(name, bytes);
    contentTypes.put(name, contentType);
  }

  @Override
  public void checkCanceled() {
    if (canceled) {
      throw new JobCanceledException(jobId);
    }
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }
}
