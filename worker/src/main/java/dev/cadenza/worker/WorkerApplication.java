package dev.cadenza.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A worker process: the task queues of {@code APP_WORKER_QUEUES} (default all four), against a
 * Temporal server, PostgreSQL, storage and GPU workers that run elsewhere ({@code
 * TEMPORAL_ADDRESS}, {@code DATABASE_URL}, {@code STORAGE_*}/{@code S3_*}, {@code
 * GPU_WORKER_ADDRESSES}).
 */
@SpringBootApplication(scanBasePackages = "dev.cadenza")
@ConfigurationPropertiesScan("dev.cadenza")
public class WorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
