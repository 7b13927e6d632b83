package io.billhook.api.docs;

import io.billhook.api.testing.ApiClient;
import io.billhook.api.testing.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class ApiDocsTest {
  @LocalServerPort int port;

  @Test
  void dump() throws Exception {
    ApiClient.Response r = new ApiClient(port).get("/v3/api-docs");
    Files.writeString(Path.of("target/api-docs.json"), r.status() + "\n" + r.body());
  }
}
