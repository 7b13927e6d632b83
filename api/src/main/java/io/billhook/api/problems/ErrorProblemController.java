package io.billhook.api.problems;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Renders, as problem+json whatever the Accept header, an error that reached the servlet
 * container's error page. Asked for directly, the error path is not a route: 404.
 */
@Controller
class ErrorProblemController implements ErrorController {
  @RequestMapping("${server.error.path:${error.path:/error}}")
  void render(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        request.getDispatcherType() == DispatcherType.ERROR && code instanceof Integer c
            ? StatusProblems.status(c)
            : HttpStatus.NOT_FOUND;
    Problems.write(response, status, StatusProblems.detail(status));
  }
}
