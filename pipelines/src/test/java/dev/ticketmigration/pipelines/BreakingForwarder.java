package dev.ticketmigration.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a free 127.0.0.1 port in front of a real server (the local PostgreSQL) that
 * lets the first connections through and breaks the later ones: reset as soon as they are accepted,
 * or after the server has sent them {@code cutAfterBytes}. The entry point's pre-run inspection
 * gets through; the pipeline's reads fail as they would when the source goes away.
 */
final class BreakingForwarder implements AutoCloseable {
  private final ServerSocket server;
  private final String host;
  private final int port;
  private final int healthy;
  private final long cutAfterBytes;
  private final AtomicInteger accepted = new AtomicInteger();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "breaking-forwarder");
            t.setDaemon(true);
            return t;
          });

  private BreakingForwarder(String host, int port, int healthy, long cutAfterBytes)
      throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.host = host;
    this.port = port;
    this.healthy = healthy;
    this.cutAfterBytes = cutAfterBytes;
    threads.execute(this::acceptLoop);
  }

  /**
   * Forwards to {@code host:port}; connections after the first {@code healthy} are reset at once
   * ({@code cutAfterBytes} 0) or once the server has sent them that many bytes.
   */
  static BreakingForwarder start(String host, int port, int healthy, long cutAfterBytes)
      throws IOException {
    return new BreakingForwarder(host, port, healthy, cutAfterBytes);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far, healthy and broken. */
  int connections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        boolean broken = accepted.incrementAndGet() > healthy;
        if (broken && cutAfterBytes == 0) {
          reset(client);
          continue;
        }
        Socket upstream = new Socket(host, port);
        threads.execute(() -> pipe(client, upstream, Long.MAX_VALUE));
        threads.execute(() -> pipe(upstream, client, broken ? cutAfterBytes : Long.MAX_VALUE));
      } catch (IOException e) {
        if (!server.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Copies {@code from} to {@code to}; past {@code limit} bytes resets both (TCP RST). */
  private static void pipe(Socket from, Socket to, long limit) {
    byte[] buffer = new byte[8192];
    long sent = 0;
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        int allowed = (int) Math.min(n, limit - sent);
        out.write(buffer, 0, allowed);
        out.flush();
        sent += allowed;
        if (sent >= limit) {
          reset(to);
          reset(from);
          return;
        }
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // the other direction closed or reset the connection
      closeQuietly(to);
      closeQuietly(from);
    }
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0); // close with RST, not FIN
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
