package dev.cadenza.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The API; on embedded defaults also the Temporal dev server, PostgreSQL, workers and GPU worker. */
@SpringBootApplication(scanBasePackages = "dev.cadenza")
@ConfigurationPropertiesScan("dev.cadenza")
public class CadenzaApplication {
  public static void main(String[] args) {
    SpringApplication.run(CadenzaApplication.class, args);
  }
}
