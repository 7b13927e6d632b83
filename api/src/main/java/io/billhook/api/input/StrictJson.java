package io.billhook.api.input;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;

/**
 * Request bodies bound by Jackson (endpoints, settings) are read strictly: a key twice is refused,
 * a number or boolean where a string belongs is refused rather than turned into text, and a string
 * holding U+0000 is refused. Unknown fields and string-to-scalar coercion are refused through
 * {@code spring.jackson.*} in application.properties.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

  @Bean
  JsonMapperBuilderCustomizer strictRequestBodies() {
    return builder ->
        builder
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfigDefaults(
                config ->
                    config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(
                new SimpleModule("billhook-nul-free-strings")
                    .addDeserializer(String.class, new NulFreeStrings()));
  }
}
