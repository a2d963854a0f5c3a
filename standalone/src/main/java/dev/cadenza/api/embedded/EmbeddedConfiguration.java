package dev.cadenza.api.embedded;

import java.util.Arrays;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Ties the lifetime of the embedded servers to the beans that use them. */
@Configuration(proxyBeanMethods = false)
public class EmbeddedConfiguration {

  /** Users of the embedded servers; they are stopped before the servers. */
  private static final String[] USERS = {"temporalWorkflowServiceStubs", "dataSource"};

  @Bean
  static BeanFactoryPostProcessor embeddedServicesRegistrar(Environment env) {
    return beanFactory -> register(beanFactory, env);
  }

  private static void register(ConfigurableListableBeanFactory beanFactory, Environment env) {
    EmbeddedServices services =
        EmbeddedServices.forHandle(env.getProperty(EmbeddedServices.HANDLE_PROPERTY));
    if (services == null) {
      return;
    }
    beanFactory.registerSingleton(EmbeddedServices.BEAN_NAME, services);
    if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
      // Destroying it first destroys its dependents (the stubs, the data source).
      registry.registerDisposableBean(EmbeddedServices.BEAN_NAME, services);
    }
    for (String user : USERS) {
      if (beanFactory.containsBeanDefinition(user)) {
        BeanDefinition definition = beanFactory.getBeanDefinition(user);
        String[] dependsOn =
            definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
        String[] extended = Arrays.copyOf(dependsOn, dependsOn.length + 1);
        extended[dependsOn.length] = EmbeddedServices.BEAN_NAME;
        definition.setDependsOn(extended);
      }
    }
  }
}
