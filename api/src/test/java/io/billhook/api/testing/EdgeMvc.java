package io.billhook.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Sends raw requests through Billhook's own filters and MVC, and reads the answers. Every {@link
 * EdgeSlice} test can have it injected: {@code @Autowired EdgeMvc api}.
 */
public final class EdgeMvc {
  private final WebApplicationContext context;
  private MockMvc mvc;

  public EdgeMvc(WebApplicationContext context) {
    this.context = context;
  }

  /** MockMvc with Billhook's filters (size limit, JSON body), in their order; no auth. */
  private synchronized MockMvc mvc() {
    if (mvc == null) {
      Filter[] filters =
          context.getBeansOfType(Filter.class).values().stream()
              .filter(f -> f.getClass().getName().startsWith("io.billhook.api."))
              .sorted(AnnotationAwareOrderComparator.INSTANCE)
              .toArray(Filter[]::new);
      mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(filters).build();
    }
    return mvc;
  }

  /** A request with these exact bytes; {@code contentType} null sends no Content-Type. */
  public Answer send(String method, String path, String contentType, byte[] body) {
    MockHttpServletRequestBuilder request =
        MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path).content(body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      MockHttpServletResponse response = mvc().perform(request).andReturn().getResponse();
      return new Answer(
          response.getStatus(),
          String.valueOf(response.getContentType()),
          response.getContentAsString(StandardCharsets.UTF_8),
          response.getHeader("Retry-After"));
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " threw", e);
    }
  }

  public Answer get(String path) {
    return send("GET", path, null, new byte[0]);
  }

  public Answer send(String method, String path, String json) {
    return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** An answer: status, content type, body, and its {@code Retry-After} (null when absent). */
  public record Answer(int status, String contentType, String body, String retryAfter)
      implements JsonBody {

    /** A problem+json with this status whose detail says this, in the caller's terms. */
    public Answer isProblem(int expectedStatus, String detailContains) {
      assertThat(status).as(body).isEqualTo(expectedStatus);
      assertThat(contentType).startsWith("application/problem+json");
      assertThat(detail()).contains(detailContains);
      CallersTerms.assertPlain(detail());
      return this;
    }
  }
}
