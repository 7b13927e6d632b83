package io.billhook.core.codec;

import org.springframework.core.env.Environment;

/** Where the embedded default's Temporal UI finds this process's codec endpoint. */
public final class EmbeddedCodecEndpoint {
  public static final String PATH = "/codec";

  private EmbeddedCodecEndpoint() {}

  /**
   * {@code http://127.0.0.1:<server.port><context path>/codec}, or null when this process serves no
   * HTTP or its port is not known before it starts (port 0).
   */
  public static String url(Environment environment) {
    if ("none".equalsIgnoreCase(environment.getProperty("spring.main.web-application-type", ""))) {
      return null;
    }
    int port = environment.getProperty("server.port", Integer.class, 8080);
    if (port <= 0) {
      return null;
    }
    String contextPath = environment.getProperty("server.servlet.context-path", "");
    return "http://127.0.0.1:" + port + contextPath.replaceAll("/+$", "") + PATH;
  }
}
