package io.billhook.api.problems;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The HTTP server's last word on an error (a request line it cannot parse, a path it refuses before
 * any application code runs): problem+json instead of the server's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    // As the HTML valve: only an error whose body nobody has written yet, and only once.
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpServletResponse servletResponse = response.getResponse();
    try {
      servletResponse.resetBuffer();
      var status = StatusProblems.status(code);
      Problems.write(servletResponse, status, StatusProblems.detail(status));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the body was already started: nothing more to say.
    }
  }
}
