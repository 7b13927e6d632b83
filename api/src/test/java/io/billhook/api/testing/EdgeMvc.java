package io.billhook.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Sends raw requests through Billhook's own filters and MVC, and reads the answers. */
public final class EdgeMvc {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MockMvc mvc;

  private EdgeMvc(MockMvc mvc) {
    this.mvc = mvc;
  }

  /** MockMvc with Billhook's filters (size limit, JSON body), in their order; no auth. */
  public static EdgeMvc of(WebApplicationContext context) {
    Filter[] filters =
        context.getBeansOfType(Filter.class).values().stream()
            .filter(f -> f.getClass().getName().startsWith("io.billhook.api."))
            .sorted(AnnotationAwareOrderComparator.INSTANCE)
            .toArray(Filter[]::new);
    return new EdgeMvc(MockMvcBuilders.webAppContextSetup(context).addFilters(filters).build());
  }

  /** A request with these exact bytes; {@code contentType} null sends no Content-Type. */
  public Answer send(String method, String path, String contentType, byte[] body) {
    MockHttpServletRequestBuilder request =
        MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path).content(body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
      return new Answer(
          response.getStatus(),
          String.valueOf(response.getContentType()),
          response.getContentAsString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " threw", e);
    }
  }

  public Answer send(String method, String path, String json) {
    return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** An answer: status, content type and body. */
  public record Answer(int status, String contentType, String body) {
    public String detail() {
      try {
        JsonNode problem = JSON.readTree(body);
        return problem.path("detail").asText();
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

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
