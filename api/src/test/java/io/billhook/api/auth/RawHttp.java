package io.billhook.api.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request as exact bytes over a socket to the loopback server and reads the whole answer.
 * Java's HttpClient and MockMvc normalise or refuse odd paths, so they cannot say what the real
 * server does with them.
 */
final class RawHttp {
  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** The request target is sent as ISO-8859-1, so every char below 256 is one byte on the wire. */
  Response send(
      String method, String target, String version, Map<String, String> headers, String body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
    // An absolute-form target names its own authority; the Host header must agree with it.
    String host = target.startsWith("http://localhost/") ? "localhost" : "localhost:" + port;
    head.append("Host: ").append(host).append("\r\n");
    head.append("Connection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] bytes =
        (head + new String(content, StandardCharsets.ISO_8859_1))
            .getBytes(StandardCharsets.ISO_8859_1);
    return sendBytes(bytes, method.equals("HEAD"));
  }

  /** Whatever the caller wrote, as ISO-8859-1 bytes: for requests that are not valid HTTP. */
  Response sendRaw(String request) {
    return sendBytes(request.getBytes(StandardCharsets.ISO_8859_1), false);
  }

  private Response sendBytes(byte[] request, boolean head) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return Response.parse(readAll(socket.getInputStream()), head);
    } catch (IOException e) {
      throw new UncheckedIOException(new String(request, StandardCharsets.ISO_8859_1), e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      // A reset after the server has answered and closed: keep what arrived.
      if (all.size() == 0) {
        throw e;
      }
    }
    return all.toByteArray();
  }

  /** Status, headers (names in lower case) and the body as text, de-chunked. */
  record Response(int status, Map<String, String> headers, String body, String raw) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    static Response parse(byte[] bytes, boolean head) {
      String raw = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = raw.indexOf("\r\n\r\n");
      if (!raw.startsWith("HTTP/1.") || end < 0) {
        return new Response(0, Map.of(), raw, raw);
      }
      String[] lines = raw.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.merge(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
      byte[] body = head ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
      if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
        body = dechunk(body);
      }
      return new Response(status, headers, new String(body, StandardCharsets.UTF_8), raw);
    }

    private static byte[] dechunk(byte[] chunked) {
      String text = new String(chunked, StandardCharsets.ISO_8859_1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int at = 0;
      while (at < text.length()) {
        int eol = text.indexOf("\r\n", at);
        int size = Integer.parseInt(text.substring(at, eol).split(";")[0].trim(), 16);
        if (size == 0) {
          break;
        }
        out.write(chunked, eol + 2, size);
        at = eol + 2 + size + 2;
      }
      return out.toByteArray();
    }
  }
}
