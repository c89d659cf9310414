package dev.ticketmigration.runners;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** GETs against the clusters' REST and JSON endpoints on loopback. */
final class Http {
  private Http() {}

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The body, or null when nothing answers (yet). */
  static String get(String url) {
    try {
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Polls {@code url} until its body satisfies {@code ready}; fails with {@code whileDown}'s
   * message when {@code alive} turns false or {@code limit} passes.
   */
  static String awaitBody(
      String url,
      Predicate<String> ready,
      Duration limit,
      java.util.function.BooleanSupplier alive,
      java.util.function.Supplier<String> whileDown)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String body = null;
    while (System.nanoTime() < deadline) {
      if (!alive.getAsBoolean()) {
        throw new AssertionError("a cluster process ended while starting:\n" + whileDown.get());
      }
      body = get(url);
      if (body != null && ready.test(body)) {
        return body;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        url
            + " not ready within "
            + limit.toSeconds()
            + " s (last answer: "
            + body
            + ")\n"
            + whileDown.get());
  }
}
