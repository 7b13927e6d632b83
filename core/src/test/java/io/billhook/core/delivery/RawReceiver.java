package io.billhook.core.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** A receiver on loopback that answers 200 and then sends a body that never ends. */
final class RawReceiver implements AutoCloseable {
  private final ServerSocket server;
  private final Thread thread;
  final AtomicLong bytesSent = new AtomicLong();

  private RawReceiver() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "raw-receiver");
    thread.setDaemon(true);
    thread.start();
  }

  static RawReceiver endlessBody() throws IOException {
    return new RawReceiver();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        readRequestHead(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        out.write(
            "HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        while (true) {
          out.write(chunk);
          bytesSent.addAndGet(chunk.length);
        }
      } catch (IOException closed) {
        // the client hung up, or the receiver is closing
      }
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("request cut short");
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
