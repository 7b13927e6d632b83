package io.billhook.api.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route Spring MVC serves, read from its handler mapping, so that a route added anywhere is
 * in every test that goes over all routes. The paths that are no part of the billing API are left
 * out here, each with its reason.
 */
public final class Routes {
  /** Path prefixes that are not API routes, and why. */
  public static final Map<String, String> NOT_API =
      Map.of(
          "/error", "the servlet error dispatch, which renders another request's problem",
          "/console", "the console's static files, served to browsers",
          "/codec", "the console's decoding helpers, a tool and not the billing API",
          "/actuator", "health and metrics, described in docs/operations.md",
          "/v3/api-docs", "the OpenAPI document itself",
          "/swagger-ui", "Swagger UI, the document's reader");

  /** The paths every caller may read, or that answer for another request: checked on their own. */
  private static final List<String> OPEN = List.of("/error", "/v3/api-docs", "/swagger-ui");

  /** One route: an HTTP method and a path pattern such as /v1/vendors/{vendorId}/events. */
  public record Route(String method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private Routes() {}

  /** The API's routes, sorted by path and method. */
  public static List<Route> of(RequestMappingHandlerMapping mapping) {
    return matching(mapping, path -> outside(NOT_API.keySet(), path));
  }

  /**
   * Every route behind access control, the console's helpers included: all but the error dispatch
   * and the public documentation.
   */
  public static List<Route> guarded(RequestMappingHandlerMapping mapping) {
    return matching(mapping, path -> outside(OPEN, path));
  }

  private static List<Route> matching(
      RequestMappingHandlerMapping mapping, Predicate<String> wanted) {
    List<Route> routes = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = e.getKey();
      for (String path : info.getPathPatternsCondition().getPatternValues()) {
        if (wanted.test(path)) {
          for (RequestMethod method : methods(info)) {
            routes.add(new Route(method.name(), path));
          }
        }
      }
    }
    routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
    return routes;
  }

  private static boolean outside(Collection<String> prefixes, String path) {
    return prefixes.stream()
        .noneMatch(
            prefix ->
                path.equals(prefix)
                    || path.startsWith(prefix + "/")
                    || path.startsWith(prefix + "."));
  }

  /** A mapping that names no method takes them all: each is then a route to check. */
  private static List<RequestMethod> methods(RequestMappingInfo info) {
    if (info.getMethodsCondition().getMethods().isEmpty()) {
      return List.of(RequestMethod.values());
    }
    return List.copyOf(info.getMethodsCondition().getMethods());
  }
}
