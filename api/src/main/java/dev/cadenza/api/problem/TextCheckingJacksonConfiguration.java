package dev.cadenza.api.problem;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every JSON body the API reads goes through {@link TextCheckingJsonFactory}'s parsers. */
@Configuration(proxyBeanMethods = false)
public class TextCheckingJacksonConfiguration {
  @Bean
  Jackson2ObjectMapperBuilderCustomizer textCheckingJsonFactory() {
    return builder -> builder.factory(new TextCheckingJsonFactory());
  }
}
