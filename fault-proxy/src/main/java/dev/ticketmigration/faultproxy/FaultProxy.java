package dev.ticketmigration.faultproxy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketmigration.localdynamodb.Dynalite;
import dev.ticketmigration.localdynamodb.LocalDynamoException;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpException;
import org.apache.http.HttpMessage;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.HttpStatus;
import org.apache.http.HttpVersion;
import org.apache.http.NoHttpResponseException;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.DefaultBHttpClientConnection;
import org.apache.http.impl.DefaultBHttpServerConnection;
import org.apache.http.impl.DefaultConnectionReuseStrategy;
import org.apache.http.impl.EnglishReasonPhraseCatalog;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;
import org.apache.http.message.BasicHttpResponse;
import org.apache.http.protocol.HTTP;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;
import org.apache.http.util.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 proxy on a free 127.0.0.1 port that forwards DynamoDB JSON requests to an upstream
 * endpoint (normally {@link Dynalite}) and injects faults into a seeded random share of them, for
 * testing retries: throttling, 500/503 errors, connection resets, stalls past the client's timeout,
 * and partial BatchWriteItem results ({@code UnprocessedItems}).
 *
 * <pre>{@code
 * try (Dynalite dynamo = Dynalite.start();
 *     FaultProxy proxy = FaultProxy.builder()
 *         .upstream(dynamo.endpoint())
 *         .fault(Fault.THROTTLE, 0.2)
 *         .fault(Fault.UNPROCESSED, 0.2)
 *         .unprocessedShare(0.5)
 *         .onlyFor("BatchWriteItem")
 *         .seed(7)
 *         .build()
 *         .start()) {
 *   String endpoint = proxy.endpoint(); // give this to the DynamoDB client
 *   ...
 *   long throttled = proxy.injected(Fault.THROTTLE);
 * }
 * }</pre>
 *
 * <p>Fault plan: for each request whose operation (the {@code X-Amz-Target} suffix) is selected by
 * {@link Builder#onlyFor} (all operations by default), one number is drawn from the seeded
 * generator and picks at most one fault, each kind with its configured probability (their sum is at
 * most 1). A probability of 1 ({@link Builder#permanent}) fails every selected request. The draws
 * are deterministic for a given seed and order of requests: exactly reproducible for a client
 * sending one request at a time; with concurrent clients the order, and so which request gets which
 * fault, varies. {@link Builder#maxFaults} caps the total, {@link #faultsEnabled} turns injection
 * off and on at run time.
 *
 * <p>Forwarding is faithful: the request line, the header fields (including {@code Host}, {@code
 * X-Amz-Target}, {@code X-Amz-Date} and the SigV4 {@code Authorization}) and the body are sent
 * upstream unchanged, and the upstream response comes back unchanged. The exceptions are framing (a
 * chunked body is passed on with a Content-Length; {@code Expect: 100-continue} is answered by the
 * proxy) and {@link Fault#UNPROCESSED}, which forwards a smaller body under the original signature
 * (dynalite does not verify signatures; real DynamoDB would refuse it) and rewrites the response
 * body with a fresh {@code x-amz-crc32}.
 *
 * <p>Each client connection is served by its own thread with its own upstream connection, so
 * keep-alive connections and concurrent clients work as they would against DynamoDB. Thread-safe.
 *
 * <p>Apache HttpCore (on every module's class path through Beam) reads and writes the HTTP/1.1
 * messages on both sides. By hand stays only what no HTTP library does: the proxy accepts the
 * client sockets itself and keeps them, so that {@link Fault#RESET} can reset one mid-request
 * (SO_LINGER 0: RST, not FIN) and {@link Fault#STALL} can hold one and close it without a response.
 * The JDK's {@code HttpServer} never hands out its sockets, and {@code java.net.http.HttpClient}
 * refuses to send {@code Host}, {@code Content-Length}, {@code Connection} and {@code Expect} as
 * given, which faithful forwarding needs.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
  private static final String BATCH_WRITE = "BatchWriteItem";

  /** Numbers pass through as written (no double rounding); trailing garbage is no JSON. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Reconnect upstream after this idle time (Node's default keep-alive timeout is 5 s). */
  private static final long UPSTREAM_IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);

  private static final int UPSTREAM_CONNECT_TIMEOUT_MS = 5_000;
  private static final int UPSTREAM_READ_TIMEOUT_MS = 120_000;

  private final URI upstream;
  private final String upstreamHost;
  private final int upstreamPort;
  private final Map<Fault, Double> probabilities;
  private final Set<String> operations;
  private final double unprocessedShare;
  private final long stallMillis;
  private final long maxFaults;

  private final Object planLock = new Object();
  private final SplittableRandom random; // guarded by planLock
  private long planned; // guarded by planLock: faults decided, for maxFaults
  private volatile boolean faultsEnabled = true;

  private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final Map<String, AtomicLong> requestsByOperation = new ConcurrentHashMap<>();
  private final AtomicLong withheldItems = new AtomicLong();
  private final Set<String> accessKeys = ConcurrentHashMap.newKeySet();

  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private ServerSocket server; // guarded by lifecycle
  private ExecutorService workers; // guarded by lifecycle
  private volatile boolean closed;

  private FaultProxy(Builder b) {
    this.upstream = b.upstream;
    this.upstreamHost = b.upstream.getHost();
    this.upstreamPort = b.upstream.getPort() < 0 ? 80 : b.upstream.getPort();
    this.probabilities = Collections.unmodifiableMap(new EnumMap<>(b.probabilities));
    this.operations = Collections.unmodifiableSet(new LinkedHashSet<>(b.operations));
    this.unprocessedShare = b.unprocessedShare;
    this.stallMillis = b.stallMillis;
    this.maxFaults = b.maxFaults;
    this.random = new SplittableRandom(b.seed); // mixes the seed: seeds 1, 2, 3 differ well
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicLong());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening on a free port of 127.0.0.1 (never another address).
   *
   * @return this proxy
   * @throws LocalDynamoException when no loopback port can be opened
   * @throws IllegalStateException when already started or closed
   */
  public FaultProxy start() {
    synchronized (lifecycle) {
      if (server != null || closed) {
        throw new IllegalStateException("the fault proxy was already started");
      }
      try {
        server = new ServerSocket();
        server.bind(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 200);
      } catch (IOException e) {
        throw new LocalDynamoException("no free loopback port for the fault proxy: " + e);
      }
      AtomicInteger n = new AtomicInteger();
      int port = server.getLocalPort();
      workers =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "fault-proxy-" + port + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-" + port + "-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }
    LOG.info(
        "fault proxy at {} forwarding to {} with faults {}{}",
        endpoint(),
        upstream,
        probabilities,
        operations.isEmpty() ? "" : " for " + operations);
    return this;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    synchronized (lifecycle) {
      if (server == null) {
        throw new IllegalStateException("the fault proxy is not started");
      }
      return server.getLocalPort();
    }
  }

  /** The upstream endpoint requests are forwarded to. */
  public URI upstream() {
    return upstream;
  }

  /** Turns fault injection off (pure forwarding) or back on, e.g. to let a stuck client heal. */
  public void faultsEnabled(boolean enabled) {
    this.faultsEnabled = enabled;
  }

  /** How many faults of this kind were injected (delivered to a client). */
  public long injected(Fault kind) {
    return injected.get(kind).get();
  }

  /** How many faults were injected in all. */
  public long injectedTotal() {
    long total = 0;
    for (AtomicLong n : injected.values()) {
      total += n.get();
    }
    return total;
  }

  /** Injected faults by kind, kinds with none included. */
  public Map<Fault, Long> injectedCounts() {
    Map<Fault, Long> counts = new EnumMap<>(Fault.class);
    injected.forEach((kind, n) -> counts.put(kind, n.get()));
    return counts;
  }

  /** Requests received from clients (faulted or not). */
  public long requests() {
    return requests.get();
  }

  /** Client connections accepted (fewer than {@link #requests()} when clients keep them alive). */
  public long connections() {
    return connections.get();
  }

  /** Requests received for one operation, e.g. {@code "PutItem"}. */
  public long requests(String operation) {
    AtomicLong n = requestsByOperation.get(operation);
    return n == null ? 0 : n.get();
  }

  /**
   * The access key ids the requests were signed with (SigV4 {@code Authorization: ...
   * Credential=KEY/date/region/service/aws4_request}), so a test can see who signed them.
   */
  public Set<String> accessKeys() {
    return Set.copyOf(accessKeys);
  }

  private static String accessKey(HttpRequest request) {
    String auth = header(request, "Authorization");
    if (auth == null) {
      return null;
    }
    int at = auth.indexOf("Credential=");
    if (at < 0) {
      return null;
    }
    int start = at + "Credential=".length();
    int slash = auth.indexOf('/', start);
    return slash < 0 ? null : auth.substring(start, slash);
  }

  /** Items returned in {@code UnprocessedItems} by {@link Fault#UNPROCESSED} injections. */
  public long withheldItems() {
    return withheldItems.get();
  }

  /** Stops listening and drops every open connection; stalled requests end at once. */
  @Override
  public void close() {
    ExecutorService pool;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      closing.countDown();
      closeQuietly(server);
      pool = workers;
    }
    for (Closeable c : open) {
      closeQuietly(c);
    }
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LOG.info(
        "fault proxy {} closed after {} requests; injected {}",
        upstream,
        requests.get(),
        injectedCounts());
  }

  @Override
  public String toString() {
    return "FaultProxy[upstream="
        + upstream
        + ", faults="
        + probabilities
        + ", operations="
        + operations
        + ", injected="
        + injectedCounts()
        + "]";
  }

  /** By hand, as the class comment says: the proxy keeps each client's socket to reset it. */
  private void acceptLoop() {
    ServerSocket listening;
    ExecutorService pool;
    synchronized (lifecycle) {
      listening = server;
      pool = workers;
    }
    while (!closed) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("fault proxy stopped accepting connections", e);
        }
        return;
      }
      open.add(client);
      connections.incrementAndGet();
      if (closed) {
        closeQuietly(client);
        return;
      }
      try {
        pool.execute(() -> serve(client));
      } catch (RejectedExecutionException e) {
        closeQuietly(client);
        open.remove(client);
      }
    }
  }

  /** Serves one client connection, request after request, until either side closes it. */
  private void serve(Socket client) {
    Upstream up = new Upstream();
    try {
      client.setTcpNoDelay(true);
      DefaultBHttpServerConnection connection = new DefaultBHttpServerConnection(16 * 1024);
      connection.bind(client);
      while (!closed) {
        HttpRequest request = receiveRequest(connection);
        String operation = operation(request);
        requests.incrementAndGet();
        if (operation != null) {
          requestsByOperation.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        }
        String accessKey = accessKey(request);
        if (accessKey != null) {
          accessKeys.add(accessKey);
        }
        Plan plan = decide(operation, request);
        HttpResponse response;
        if (plan == null) {
          response = up.exchange(request);
        } else {
          switch (plan.fault) {
            case RESET:
              count(plan.fault, operation);
              client.setSoLinger(true, 0); // close sends RST, not FIN
              return;
            case STALL:
              count(plan.fault, operation);
              closing.await(stallMillis, TimeUnit.MILLISECONDS);
              return;
            case UNPROCESSED:
              response = unprocessed(request, plan, up, operation);
              break;
            default:
              count(plan.fault, operation);
              response =
                  jsonResponse(
                      plan.fault.status(), plan.fault.errorBody().getBytes(StandardCharsets.UTF_8));
          }
        }
        connection.sendResponseHeader(response);
        if (response.getEntity() != null) {
          connection.sendResponseEntity(response);
        }
        connection.flush();
        if (!DefaultConnectionReuseStrategy.INSTANCE.keepAlive(response, contextOf(request))) {
          return;
        }
      }
    } catch (UpstreamException e) {
      LOG.warn(
          "fault proxy: upstream {} failed, dropping the client connection: {}",
          upstream,
          e.getCause().toString());
    } catch (IOException | HttpException e) {
      LOG.debug("fault proxy: client connection ended: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("fault proxy: unexpected failure, dropping the client connection", e);
    } finally {
      closeQuietly(client);
      open.remove(client);
      up.close();
    }
  }

  private void count(Fault fault, String operation) {
    injected.get(fault).incrementAndGet();
    LOG.debug("fault proxy: injecting {} into {}", fault, operation);
  }

  /**
   * The next request with its whole body in memory (a chunked one framed by a Content-Length);
   * {@code Expect: 100-continue} is answered here and dropped, the body being in hand.
   */
  private static HttpRequest receiveRequest(DefaultBHttpServerConnection connection)
      throws IOException, HttpException {
    HttpRequest request = connection.receiveRequestHeader();
    if (request instanceof HttpEntityEnclosingRequest) {
      HttpEntityEnclosingRequest withBody = (HttpEntityEnclosingRequest) request;
      if (withBody.expectContinue()) {
        connection.sendResponseHeader(
            new BasicHttpResponse(HttpVersion.HTTP_1_1, HttpStatus.SC_CONTINUE, "Continue"));
        connection.flush();
        request.removeHeaders(HTTP.EXPECT_DIRECTIVE);
      }
      connection.receiveRequestEntity(withBody);
      byte[] body = EntityUtils.toByteArray(withBody.getEntity());
      setBody(withBody, body == null ? new byte[0] : body);
    }
    return request;
  }

  /** A copy of a request with another body (and Content-Length); all else unchanged. */
  private static HttpRequest withBody(HttpRequest request, byte[] body) {
    HttpEntityEnclosingRequest copy = new BasicHttpEntityEnclosingRequest(request.getRequestLine());
    copy.setHeaders(request.getAllHeaders());
    setBody(copy, body);
    return copy;
  }

  private static void setBody(HttpEntityEnclosingRequest request, byte[] body) {
    request.setEntity(new ByteArrayEntity(body));
    frame(request, body.length);
  }

  private static void setBody(HttpResponse response, byte[] body) {
    response.setEntity(new ByteArrayEntity(body));
    frame(response, body.length);
  }

  /** Frames a body in memory by its Content-Length, in place of a chunked encoding. */
  private static void frame(HttpMessage message, int length) {
    message.removeHeaders(HTTP.TRANSFER_ENCODING);
    message.setHeader(HTTP.CONTENT_LEN, Integer.toString(length));
  }

  /** The body of a request read by {@link #receiveRequest}; empty when it has none. */
  private static byte[] bodyOf(HttpRequest request) throws IOException {
    HttpEntity entity =
        request instanceof HttpEntityEnclosingRequest
            ? ((HttpEntityEnclosingRequest) request).getEntity()
            : null;
    return entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
  }

  /** A response with the given status, JSON body and DynamoDB's usual headers. */
  private static HttpResponse jsonResponse(int status, byte[] body) {
    HttpResponse response =
        new BasicHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH));
    response.addHeader("x-amzn-RequestId", requestId());
    response.addHeader("x-amz-crc32", Long.toString(crc32(body)));
    response.addHeader(HTTP.CONTENT_TYPE, "application/x-amz-json-1.0");
    setBody(response, body);
    return response;
  }

  private static String header(HttpMessage message, String name) {
    Header header = message.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  /** What the keep-alive decision needs to see: the request the response answers. */
  private static HttpContext contextOf(HttpRequest request) {
    HttpCoreContext context = HttpCoreContext.create();
    context.setAttribute(HttpCoreContext.HTTP_REQUEST, request);
    return context;
  }

  private static long crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  /** Forwards part of a BatchWriteItem and reports the rest as UnprocessedItems. */
  private HttpResponse unprocessed(HttpRequest request, Plan plan, Upstream up, String operation)
      throws IOException {
    ObjectNode forward = JSON.createObjectNode();
    ObjectNode withheld = JSON.createObjectNode();
    int index = 0;
    for (Map.Entry<String, JsonNode> table : plan.batch.get("RequestItems").properties()) {
      for (JsonNode entry : table.getValue()) {
        ObjectNode target = plan.withheld.get(index++) ? withheld : forward;
        arrayIn(target, table.getKey()).add(entry);
      }
    }
    HttpResponse response;
    if (forward.isEmpty()) {
      ObjectNode body = JSON.createObjectNode();
      body.set("UnprocessedItems", withheld);
      response = jsonResponse(200, JSON.writeValueAsBytes(body));
    } else {
      ObjectNode forwardBody = plan.batch.deepCopy();
      forwardBody.set("RequestItems", forward);
      HttpResponse upstreamResponse =
          up.exchange(withBody(request, JSON.writeValueAsBytes(forwardBody)));
      if (upstreamResponse.getStatusLine().getStatusCode() != HttpStatus.SC_OK) {
        refund();
        return upstreamResponse; // e.g. a validation error: passed on as it is
      }
      ObjectNode body = objectOf(decodedBody(upstreamResponse));
      if (body == null) {
        // the forwarded share is written but the answer cannot be amended: drop the connection
        // so the client re-sends the whole (idempotent) batch rather than lose the withheld items
        throw new IOException("unreadable BatchWriteItem response from upstream");
      }
      JsonNode already = body.get("UnprocessedItems");
      ObjectNode unprocessed =
          already instanceof ObjectNode ? (ObjectNode) already : JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> table : withheld.properties()) {
        arrayIn(unprocessed, table.getKey()).addAll((ArrayNode) table.getValue());
      }
      body.set("UnprocessedItems", unprocessed);
      byte[] bytes = JSON.writeValueAsBytes(body);
      response = upstreamResponse;
      setBody(response, bytes);
      response.removeHeaders(HTTP.CONTENT_ENCODING);
      response.setHeader("x-amz-crc32", Long.toString(crc32(bytes)));
    }
    count(Fault.UNPROCESSED, operation);
    withheldItems.addAndGet(plan.withheldCount);
    return response;
  }

  private static ArrayNode arrayIn(ObjectNode object, String key) {
    JsonNode list = object.get(key);
    return list instanceof ArrayNode ? (ArrayNode) list : object.putArray(key);
  }

  /** The JSON object these bytes hold, or null when they hold none. */
  private static ObjectNode objectOf(byte[] json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node instanceof ObjectNode ? (ObjectNode) node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A BatchWriteItem body, or null when it is not a well-formed batch (upstream answers it). */
  private static ObjectNode batchOf(byte[] body) {
    ObjectNode batch = objectOf(body);
    JsonNode requestItems = batch == null ? null : batch.get("RequestItems");
    if (!(requestItems instanceof ObjectNode)) {
      return null;
    }
    for (JsonNode list : requestItems) {
      if (!list.isArray()) {
        return null;
      }
    }
    return batch;
  }

  private static byte[] decodedBody(HttpResponse response) throws IOException {
    byte[] body =
        response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
    String encoding = header(response, HTTP.CONTENT_ENCODING);
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    return body;
  }

  /** The operation from {@code X-Amz-Target: DynamoDB_20120810.PutItem}, or null. */
  private static String operation(HttpRequest request) {
    String target = header(request, "X-Amz-Target");
    if (target == null || target.isBlank()) {
      return null;
    }
    return target.substring(target.lastIndexOf('.') + 1).trim();
  }

  /** Picks the fault for one request, or null to forward it unchanged. */
  private Plan decide(String operation, HttpRequest request) throws IOException {
    if (operation == null
        || !faultsEnabled
        || probabilities.isEmpty()
        || (!operations.isEmpty() && !operations.contains(operation))) {
      return null;
    }
    ObjectNode batch = null;
    int items = 0;
    if (BATCH_WRITE.equals(operation) && probabilities.containsKey(Fault.UNPROCESSED)) {
      batch = batchOf(bodyOf(request));
      if (batch != null) {
        for (JsonNode list : batch.get("RequestItems")) {
          items += list.size();
        }
      }
    }
    synchronized (planLock) {
      if (!faultsEnabled || planned >= maxFaults) {
        return null;
      }
      double draw = random.nextDouble();
      double cumulative = 0;
      Fault chosen = null;
      for (Map.Entry<Fault, Double> e : probabilities.entrySet()) {
        cumulative += e.getValue();
        if (draw < cumulative) {
          chosen = e.getKey();
          break;
        }
      }
      if (chosen == null) {
        return null;
      }
      if (chosen != Fault.UNPROCESSED) {
        planned++;
        return new Plan(chosen, null, null, 0);
      }
      if (batch == null) {
        return null; // UNPROCESSED only applies to a BatchWriteItem
      }
      int withhold = withheldCount(items);
      if (withhold == 0) {
        return null;
      }
      // a seeded random choice of which items to withhold (partial Fisher-Yates)
      int[] order = new int[items];
      for (int k = 0; k < items; k++) {
        order[k] = k;
      }
      BitSet withheld = new BitSet(items);
      for (int k = 0; k < withhold; k++) {
        int pick = k + random.nextInt(items - k);
        int swap = order[k];
        order[k] = order[pick];
        order[pick] = swap;
        withheld.set(order[k]);
      }
      planned++;
      return new Plan(Fault.UNPROCESSED, batch, withheld, withhold);
    }
  }

  /** floor(items x share), but at least 1 of a batch of 2 or more. */
  private int withheldCount(int items) {
    int n = (int) Math.floor(items * unprocessedShare);
    if (n == 0 && items > 1) {
      n = 1;
    }
    return Math.min(n, items);
  }

  private void refund() {
    synchronized (planLock) {
      planned--;
    }
  }

  private static String requestId() {
    return (UUID.randomUUID().toString() + UUID.randomUUID().toString())
        .replace("-", "")
        .toUpperCase(Locale.ROOT)
        .substring(0, 52);
  }

  private static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private static final class Plan {
    final Fault fault;
    final ObjectNode batch;
    final BitSet withheld;
    final int withheldCount;

    Plan(Fault fault, ObjectNode batch, BitSet withheld, int withheldCount) {
      this.fault = fault;
      this.batch = batch;
      this.withheld = withheld;
      this.withheldCount = withheldCount;
    }
  }

  /** The upstream side failed: the client connection is dropped without a response. */
  private static final class UpstreamException extends IOException {
    private static final long serialVersionUID = 1L;

    UpstreamException(Exception cause) {
      super(cause);
    }
  }

  /** One client connection's connection to upstream, opened lazily and kept alive. */
  private final class Upstream implements Closeable {
    private Socket socket;
    private DefaultBHttpClientConnection connection;
    private int exchanges;
    private long lastUsed;

    HttpResponse exchange(HttpRequest request) throws UpstreamException {
      for (int attempt = 0; ; attempt++) {
        if (socket != null && System.nanoTime() - lastUsed > UPSTREAM_IDLE_NANOS) {
          close();
        }
        boolean reused = socket != null && exchanges > 0;
        try {
          if (socket == null) {
            connect();
          }
          connection.sendRequestHeader(request);
          if (request instanceof HttpEntityEnclosingRequest) {
            connection.sendRequestEntity((HttpEntityEnclosingRequest) request);
          }
          connection.flush();
          HttpResponse response = receiveResponse(request);
          exchanges++;
          lastUsed = System.nanoTime();
          return response;
        } catch (IOException | HttpException e) {
          close();
          boolean nothingReceived =
              e instanceof NoHttpResponseException || e instanceof SocketException;
          if (reused && attempt == 0 && nothingReceived && !closed) {
            continue; // upstream closed the idle keep-alive connection: one fresh try
          }
          throw new UpstreamException(e);
        }
      }
    }

    /** The final response (interim 1xx ones are skipped), its whole body in memory. */
    private HttpResponse receiveResponse(HttpRequest request) throws IOException, HttpException {
      HttpResponse response = connection.receiveResponseHeader();
      while (response.getStatusLine().getStatusCode() < HttpStatus.SC_OK) {
        response = connection.receiveResponseHeader();
      }
      int status = response.getStatusLine().getStatusCode();
      if (!"HEAD".equals(request.getRequestLine().getMethod())
          && status != HttpStatus.SC_NO_CONTENT
          && status != HttpStatus.SC_NOT_MODIFIED) {
        connection.receiveResponseEntity(response);
      }
      // decided on the response as it came, before a chunked body is framed by its length
      boolean keepAlive =
          DefaultConnectionReuseStrategy.INSTANCE.keepAlive(response, contextOf(request));
      if (response.getEntity() != null) {
        byte[] body = EntityUtils.toByteArray(response.getEntity());
        setBody(response, body == null ? new byte[0] : body);
      }
      if (!keepAlive) {
        close();
      }
      return response;
    }

    private void connect() throws IOException {
      Socket s = new Socket();
      open.add(s);
      try {
        s.connect(new InetSocketAddress(upstreamHost, upstreamPort), UPSTREAM_CONNECT_TIMEOUT_MS);
        s.setTcpNoDelay(true);
        s.setSoTimeout(UPSTREAM_READ_TIMEOUT_MS);
        connection = new DefaultBHttpClientConnection(16 * 1024);
        connection.bind(s);
      } catch (IOException e) {
        open.remove(s);
        closeQuietly(s);
        throw e;
      }
      socket = s;
      exchanges = 0;
      lastUsed = System.nanoTime();
    }

    @Override
    public void close() {
      if (socket != null) {
        closeQuietly(socket);
        open.remove(socket);
        socket = null;
        connection = null;
      }
    }
  }

  /** Configures a {@link FaultProxy}; {@link #upstream} is required. */
  public static final class Builder {
    private URI upstream;
    private final Map<Fault, Double> probabilities = new EnumMap<>(Fault.class);
    private final Set<String> operations = new LinkedHashSet<>();
    private long seed = 1;
    private double unprocessedShare = 0.5;
    private long stallMillis = 5_000;
    private long maxFaults = Long.MAX_VALUE;

    private Builder() {}

    /** Where requests go, e.g. {@link Dynalite#endpoint()}: {@code http://host:port}. */
    public Builder upstream(String endpoint) {
      return upstream(URI.create(endpoint));
    }

    public Builder upstream(URI endpoint) {
      if (!"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "the fault proxy forwards to http://host:port only, not " + endpoint);
      }
      this.upstream = endpoint;
      return this;
    }

    /**
     * Injects {@code kind} into this share (0..1) of the selected requests; the shares of all kinds
     * add up to at most 1. {@link Fault#UNPROCESSED} is only applied to BatchWriteItem requests (a
     * draw that picks it for another operation injects nothing). 0 removes the kind.
     */
    public Builder fault(Fault kind, double probability) {
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException(
            "a fault probability is between 0 and 1: " + probability);
      }
      if (probability == 0) {
        probabilities.remove(kind);
      } else {
        probabilities.put(kind, probability);
      }
      return this;
    }

    /**
     * Makes {@code kind} permanent: every selected request gets it (probability 1), for tests of a
     * fault that outlasts the retry budget. Combine with {@link #onlyFor} to leave other operations
     * alone, or with {@link #maxFaults} for a fault that ends after N requests.
     */
    public Builder permanent(Fault kind) {
      return fault(kind, 1.0);
    }

    /** The random seed of the fault plan (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Limits faults to these operations ({@code "BatchWriteItem"}, {@code "PutItem"}, or the full
     * {@code X-Amz-Target} {@code "DynamoDB_20120810.PutItem"}); others are forwarded untouched and
     * draw no random number. Default: all operations. Cumulative.
     */
    public Builder onlyFor(String... operationNames) {
      for (String op : operationNames) {
        String name = op.substring(op.lastIndexOf('.') + 1).trim();
        if (name.isEmpty()) {
          throw new IllegalArgumentException("empty operation name");
        }
        operations.add(name);
      }
      return this;
    }

    /**
     * The share of a BatchWriteItem's items that {@link Fault#UNPROCESSED} withholds (default 0.5):
     * floor(items x share), but at least one of a batch of two or more; a one-item batch is
     * withheld only when the share is 1. The items are picked at random (seeded).
     */
    public Builder unprocessedShare(double share) {
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException("the unprocessed share is in (0, 1]: " + share);
      }
      this.unprocessedShare = share;
      return this;
    }

    /** How long {@link Fault#STALL} holds a request before dropping it (default 5000 ms). */
    public Builder stallMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("stallMillis is >= 0: " + millis);
      }
      this.stallMillis = millis;
      return this;
    }

    /** Injects at most this many faults in all, then forwards everything (default: no limit). */
    public Builder maxFaults(long max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxFaults is >= 0: " + max);
      }
      this.maxFaults = max;
      return this;
    }

    /** A proxy with this plan, not started yet: call {@link FaultProxy#start()}. */
    public FaultProxy build() {
      if (upstream == null) {
        throw new IllegalStateException("the fault proxy needs an upstream endpoint");
      }
      double sum = 0;
      for (double p : probabilities.values()) {
        sum += p;
      }
      if (sum > 1 + 1e-9) {
        throw new IllegalArgumentException(
            "the fault probabilities add up to " + sum + ", more than 1: " + probabilities);
      }
      return new FaultProxy(this);
    }
  }
}
