package dev.cadenza.api.observability;

import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers {@link GenerationSearchAttributes#ALL} on the Temporal namespace at start, before the
 * web server takes requests and before the workers poll: a server that does not know them rejects
 * the workflow's upserts, and the generation would hang in its first workflow task. Works on the
 * embedded dev server and on self-hosted servers ({@code OperatorService.AddSearchAttributes});
 * where that is not allowed (Temporal Cloud, restricted permissions) it logs what an operator must
 * create and goes on. Attributes that exist already are fine. {@code
 * APP_TEMPORAL_REGISTER_SEARCH_ATTRIBUTES=false} turns it off.
 */
@Component
class SearchAttributeRegistrar implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final boolean enabled;

  SearchAttributeRegistrar(
      WorkflowServiceStubs stubs,
      WorkflowClient client,
      @Value("${app.temporal.register-search-attributes:true}") boolean enabled) {
    this.stubs = stubs;
    this.namespace = client.getOptions().getNamespace();
    this.enabled = enabled;
  }

  @Override
  public void afterPropertiesSet() {
    if (enabled) {
      register();
    }
  }

  /** @return the attributes that could not be registered (empty when all are there) */
  List<String> register() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
            .setChannel(stubs.getRawChannel())
            .validateAndBuildWithDefaults());
    List<String> missing = new ArrayList<>();
    try {
      for (SearchAttributeKey<String> key : GenerationSearchAttributes.ALL) {
        if (!add(operator, key)) {
          missing.add(key.getName());
        }
      }
    } finally {
      operator.shutdown(); // the channel is the workflow stubs'; it stays open
    }
    if (!missing.isEmpty()) {
      log.error(
          "Search attributes {} are not registered on Temporal namespace {}; generation workflows"
              + " will not progress until they are: temporal operator search-attribute create"
              + " --namespace {} --name <name> --type Keyword",
          missing,
          namespace,
          namespace);
    }
    return missing;
  }

  private boolean add(OperatorServiceStubs operator, SearchAttributeKey<String> key) {
    try {
      operator
          .blockingStub()
          .addSearchAttributes(AddSearchAttributesRequest.newBuilder()
              .setNamespace(namespace)
              .putSearchAttributes(key.getName(), key.getValueType())
              .build());
      log.info("Registered search attribute {} ({})", key.getName(), key.getValueType());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return true;
      }
      log.warn("Could not register search attribute {}: {}", key.getName(), e.getStatus());
      return false;
    }
  }
}
