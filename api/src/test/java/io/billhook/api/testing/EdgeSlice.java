package io.billhook.api.testing;

import io.billhook.api.input.StrictJson;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * The MVC layer of the REST edge alone (controllers, the JSON binding, the problem handler and
 * Billhook's own body filters), without authentication: for what the edge says about bad input.
 * Send requests with the {@link EdgeMvc} it provides.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.billhook\\.api\\.auth\\..*"))
@AutoConfigureMockMvc(addFilters = false)
@Import({StrictJson.class, EdgeMvc.class})
@ContextConfiguration(classes = EdgeSliceApplication.class)
public @interface EdgeSlice {
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value() default {};
}
