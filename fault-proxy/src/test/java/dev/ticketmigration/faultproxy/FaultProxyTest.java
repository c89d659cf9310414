package dev.ticketmigration.faultproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ticketmigration.localdynamodb.Dynalite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.retry.backoff.BackoffStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class FaultProxyTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static Dynalite dynamo;
  private static DynamoDbClient direct;

  @BeforeAll
  static void startDynalite() {
    dynamo = Dynalite.start();
    direct = client(dynamo.endpoint(), o -> {});
  }

  @AfterAll
  static void stopDynalite() {
    if (direct != null) {
      direct.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
  }

  @Test
  void withoutFaultsTheProxyIsTransparent() {
    try (FaultProxy proxy = FaultProxy.builder().upstream(dynamo.endpoint()).build().start();
        DynamoDbClient c = client(proxy.endpoint(), o -> {})) {
      assertTrue(proxy.endpoint().startsWith("http://127.0.0.1:"), proxy.endpoint());
      String table = createTable(c, true);
      c.putItem(b -> b.tableName(table).item(item("p", "000", "näive \"quoted\" \u2028 ✓")));
      assertEquals(
          item("p", "000", "näive \"quoted\" \u2028 ✓"),
          c.getItem(b -> b.tableName(table).key(key("p", "000"))).item());

      List<WriteRequest> batch = new ArrayList<>();
      for (int i = 1; i <= 25; i++) {
        batch.add(put(item("q", String.format("%03d", i), "v" + i)));
      }
      BatchWriteItemResponse written = c.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
      assertTrue(written.unprocessedItems().isEmpty());

      QueryResponse q =
          c.query(
              b ->
                  b.tableName(table)
                      .keyConditionExpression("PK = :pk")
                      .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("q"))));
      assertEquals(25, q.count());
      assertEquals("001", q.items().get(0).get("SK").s());
      assertEquals(AttributeValue.fromN("25"), q.items().get(24).get("N"));

      // upstream errors come back unchanged
      ResourceNotFoundException missing =
          assertThrows(
              ResourceNotFoundException.class,
              () -> c.putItem(b -> b.tableName("no-such-table").item(item("x", "1", "y"))));
      assertEquals(400, missing.statusCode());

      assertEquals(0, proxy.injectedTotal());
      assertEquals(1, proxy.requests("BatchWriteItem"));
      assertEquals(6, proxy.requests());
      assertEquals(1, proxy.connections()); // one keep-alive connection carried them all
    }
  }

  @Test
  void forwardsSignedHeadersAndBodyUnchanged() throws Exception {
    Map<String, String> sent = new ConcurrentHashMap<>();
    AtomicReference<byte[]> sentBody = new AtomicReference<>();
    ExecutionInterceptor capture =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            context
                .httpRequest()
                .headers()
                .forEach((k, v) -> sent.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            context
                .requestBody()
                .ifPresent(
                    body -> {
                      try (InputStream in = body.contentStreamProvider().newStream()) {
                        sentBody.set(in.readAllBytes());
                      } catch (IOException e) {
                        throw new IllegalStateException(e);
                      }
                    });
          }
        };
    Map<String, String> received = new ConcurrentHashMap<>();
    AtomicReference<byte[]> receivedBody = new AtomicReference<>();
    HttpServer fake =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/",
        exchange -> {
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> received.put(k.toLowerCase(Locale.ROOT), v.get(0)));
          try (InputStream in = exchange.getRequestBody()) {
            receivedBody.set(in.readAllBytes());
          }
          byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
          CRC32 crc = new CRC32();
          crc.update(answer);
          exchange.getResponseHeaders().add("x-amz-crc32", Long.toString(crc.getValue()));
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    fake.start();
    try (FaultProxy proxy =
            FaultProxy.builder()
                .upstream("http://127.0.0.1:" + fake.getAddress().getPort())
                .build()
                .start();
        DynamoDbClient c = client(proxy.endpoint(), o -> o.addExecutionInterceptor(capture))) {
      c.putItem(b -> b.tableName("t").item(item("ü", "1", "\"ß\\ 𝄞")));
    } finally {
      fake.stop(0);
    }
    for (String name :
        List.of(
            "authorization",
            "x-amz-target",
            "x-amz-date",
            "host",
            "content-type",
            "content-length",
            "amz-sdk-invocation-id")) {
      assertTrue(sent.containsKey(name), name + " not sent: " + sent.keySet());
      assertEquals(sent.get(name), received.get(name), name);
    }
    assertTrue(sent.get("authorization").startsWith("AWS4-HMAC-SHA256 Credential=a/"));
    assertEquals(
        new String(sentBody.get(), StandardCharsets.UTF_8),
        new String(receivedBody.get(), StandardCharsets.UTF_8));
  }

  @Test
  void unprocessedItemsAreReturnedAndResentWithoutLossOrDuplication() {
    try (FaultProxy proxy =
            FaultProxy.builder()
                .upstream(dynamo.endpoint())
                .permanent(Fault.UNPROCESSED)
                .unprocessedShare(0.5)
                .seed(3)
                .build()
                .start();
        DynamoDbClient c = client(proxy.endpoint(), o -> {})) {
      String tableA = createTable(c, true); // UNPROCESSED leaves other operations alone
      String tableB = createTable(c, true);
      for (int i = 0; i < 10; i++) {
        String sk = "d" + i;
        direct.putItem(b -> b.tableName(tableA).item(item("doomed", sk, "x")));
      }
      List<Map.Entry<String, WriteRequest>> writes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        writes.add(Map.entry(tableA, put(item("kept", String.format("%03d", i), "a" + i))));
        if (i % 5 == 0) {
          writes.add(Map.entry(tableB, put(item("other", String.format("%03d", i), "b" + i))));
        }
        if (i % 10 == 0) {
          writes.add(
              Map.entry(
                  tableA,
                  WriteRequest.builder()
                      .deleteRequest(
                          DeleteRequest.builder().key(key("doomed", "d" + i / 10)).build())
                      .build()));
        }
      }
      assertEquals(130, writes.size());
      Collections.shuffle(writes, new java.util.Random(5));

      int sent = 0;
      int reportedUnprocessed = 0;
      int partialResponses = 0;
      for (int from = 0; from < writes.size(); from += 25) {
        Map<String, List<WriteRequest>> pending = new LinkedHashMap<>();
        for (Map.Entry<String, WriteRequest> e :
            writes.subList(from, Math.min(from + 25, writes.size()))) {
          pending.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        int rounds = 0;
        while (!pending.isEmpty()) {
          int size = count(pending);
          sent += size;
          Map<String, List<WriteRequest>> request = new LinkedHashMap<>(pending);
          Map<String, List<WriteRequest>> unprocessed =
              c.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
          int left = count(unprocessed);
          reportedUnprocessed += left;
          if (left > 0) {
            partialResponses++;
          }
          assertEquals(size == 1 ? 0 : Math.max(1, size / 2), left, "withheld of " + size);
          pending = new LinkedHashMap<>(unprocessed);
          assertTrue(++rounds < 20, "UnprocessedItems never emptied");
        }
      }
      // every write reached dynalite exactly once: first sends plus re-sends of withheld ones
      assertEquals(130, sent - reportedUnprocessed);
      assertEquals(reportedUnprocessed, proxy.withheldItems());
      assertEquals(partialResponses, proxy.injected(Fault.UNPROCESSED));
      assertTrue(partialResponses >= 6, "injections: " + partialResponses);
      assertEquals(proxy.injected(Fault.UNPROCESSED), proxy.injectedTotal());

      assertEquals(100, countItems(tableA)); // all puts in, all 10 "doomed" deleted
      assertEquals(20, countItems(tableB));
      assertEquals(
          item("kept", "042", "a42"),
          direct.getItem(b -> b.tableName(tableA).key(key("kept", "042"))).item());
      assertEquals(
          item("other", "095", "b95"),
          direct.getItem(b -> b.tableName(tableB).key(key("other", "095"))).item());
    }
  }

  @Test
  void sdkDefaultRetriesGetEveryPutThroughTransientFaults() throws Exception {
    String table = createTable(direct, false);
    int puts = 240;
    try (FaultProxy proxy =
            FaultProxy.builder()
                .upstream(dynamo.endpoint())
                .fault(Fault.THROTTLE, 0.04)
                .fault(Fault.THROTTLING, 0.04)
                .fault(Fault.HTTP_500, 0.04)
                .fault(Fault.HTTP_503, 0.04)
                .fault(Fault.RESET, 0.04)
                .seed(11)
                .build()
                .start();
        DynamoDbClient c = client(proxy.endpoint(), o -> {})) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < puts; i++) {
          String pk = "item-" + i;
          done.add(
              pool.submit(
                  () ->
                      c.putItem(
                          b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS(pk))))));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(puts, countItems(table));
      for (Fault kind :
          List.of(Fault.THROTTLE, Fault.THROTTLING, Fault.HTTP_500, Fault.HTTP_503, Fault.RESET)) {
        assertTrue(proxy.injected(kind) > 0, kind + " never injected: " + proxy);
      }
      // each injected fault cost the client exactly one extra attempt
      assertEquals(puts + proxy.injectedTotal(), proxy.requests("PutItem"));
      assertTrue(proxy.injectedTotal() > puts / 10, proxy.toString());
    }
  }

  @Test
  void permanentFaultOutlastsAFewRetries() {
    try (FaultProxy proxy =
            FaultProxy.builder()
                .upstream(dynamo.endpoint())
                .permanent(Fault.THROTTLE)
                .onlyFor("PutItem")
                .build()
                .start();
        DynamoDbClient c = client(proxy.endpoint(), retries(2))) {
      String table = createTable(c, false); // CreateTable is not faulted
      ProvisionedThroughputExceededException e =
          assertThrows(
              ProvisionedThroughputExceededException.class,
              () ->
                  c.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("a")))));
      assertEquals(400, e.statusCode());
      assertTrue(e.isThrottlingException());
      assertEquals(3, proxy.injected(Fault.THROTTLE)); // first attempt + 2 retries
      assertFalse(
          direct
              .getItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS("a"))))
              .hasItem());

      proxy.faultsEnabled(false); // the fault ends: the same client gets through
      c.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("a"))));
      assertEquals(1, countItems(table));
      assertEquals(3, proxy.injectedTotal());
    }
  }

  @Test
  void eachPermanentFaultKindReachesTheClientAsDynamoDbWouldSendIt() {
    Map<Fault, Integer> status =
        Map.of(Fault.THROTTLING, 400, Fault.HTTP_500, 500, Fault.HTTP_503, 503);
    Map<Fault, String> code =
        Map.of(
            Fault.THROTTLING,
            "ThrottlingException",
            Fault.HTTP_500,
            "InternalServerError",
            Fault.HTTP_503,
            "ServiceUnavailable");
    for (Fault kind : List.of(Fault.THROTTLING, Fault.HTTP_500, Fault.HTTP_503, Fault.RESET)) {
      try (FaultProxy proxy =
              FaultProxy.builder().upstream(dynamo.endpoint()).permanent(kind).build().start();
          DynamoDbClient c = client(proxy.endpoint(), retries(1))) {
        if (kind == Fault.RESET) {
          SdkClientException e = assertThrows(SdkClientException.class, c::listTables);
          assertInstanceOf(IOException.class, rootCause(e), e.toString());
        } else {
          DynamoDbException e = assertThrows(DynamoDbException.class, c::listTables);
          assertEquals(status.get(kind), e.statusCode(), kind.name());
          assertEquals(code.get(kind), e.awsErrorDetails().errorCode(), kind.name());
        }
        assertEquals(2, proxy.injected(kind), kind.name());
        assertEquals(2, proxy.requests("ListTables"), kind.name());
      }
    }
  }

  @Test
  void stallPastTheAttemptTimeoutTimesOutThenARetrySucceeds() {
    String table = createTable(direct, false);
    try (FaultProxy proxy =
            FaultProxy.builder()
                .upstream(dynamo.endpoint())
                .permanent(Fault.STALL)
                .stallMillis(5_000)
                .maxFaults(2)
                .build()
                .start();
        DynamoDbClient once =
            client(
                proxy.endpoint(),
                retries(0).andThen(o -> o.apiCallAttemptTimeout(Duration.ofMillis(400))));
        DynamoDbClient retrying =
            client(proxy.endpoint(), o -> o.apiCallAttemptTimeout(Duration.ofMillis(400)))) {
      long start = System.nanoTime();
      assertThrows(
          ApiCallAttemptTimeoutException.class,
          () ->
              once.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("a")))));
      long failedAfter = (System.nanoTime() - start) / 1_000_000;
      assertTrue(failedAfter >= 350 && failedAfter < 3_000, "failed after " + failedAfter + " ms");

      start = System.nanoTime();
      retrying.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("b"))));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs >= 350 && tookMs < 3_000, "took " + tookMs + " ms");

      assertEquals(2, proxy.injected(Fault.STALL));
      assertEquals(3, proxy.requests("PutItem")); // stalled, stalled, forwarded
      assertEquals(1, countItems(table)); // a stalled request is never forwarded
    }
  }

  @Test
  void theSameSeedGivesTheSameFaultsToASequentialClient() {
    List<Boolean> first = outcomes(42);
    assertEquals(first, outcomes(42));
    assertNotEquals(first, outcomes(43));
    assertTrue(first.contains(true) && first.contains(false), first.toString());
  }

  private List<Boolean> outcomes(long seed) {
    List<Boolean> failed = new ArrayList<>();
    try (FaultProxy proxy =
            FaultProxy.builder()
                .upstream(dynamo.endpoint())
                .fault(Fault.HTTP_503, 0.3)
                .seed(seed)
                .build()
                .start();
        DynamoDbClient c = client(proxy.endpoint(), retries(0))) {
      for (int i = 0; i < 30; i++) {
        try {
          c.listTables();
          failed.add(false);
        } catch (DynamoDbException e) {
          failed.add(true);
        }
      }
      assertEquals(failed.stream().filter(f -> f).count(), proxy.injected(Fault.HTTP_503));
    }
    return failed;
  }

  @Test
  void rawHttpChunkedBodyExpectContinueAndResetOnTheWire() throws Exception {
    String head =
        "POST / HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n"
            + "X-Amz-Date: 20240101T000000Z\r\n"
            + "Authorization: AWS4-HMAC-SHA256 Credential=a/20240101/us-east-1/dynamodb/aws4_request,"
            + " SignedHeaders=host;x-amz-date;x-amz-target, Signature=00\r\n";
    try (FaultProxy proxy =
            FaultProxy.builder()
                .upstream(dynamo.endpoint())
                .permanent(Fault.RESET)
                .onlyFor("DescribeLimits")
                .build()
                .start();
        Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(
          (head + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertEquals("HTTP/1.1 100 Continue", readLine(in));
      assertEquals("", readLine(in));
      out.write("1\r\n{\r\n1\r\n}\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertEquals("HTTP/1.1 200 OK", readLine(in));
      int length = -1;
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      assertTrue(body.startsWith("{\"TableNames\":["), body);

      // the same keep-alive connection: a faulted operation is answered with a TCP reset
      String describe = head.replace("ListTables", "DescribeLimits");
      out.write((describe + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      IOException reset =
          assertThrows(
              IOException.class,
              () -> {
                while (in.read() >= 0) {
                  // a FIN would end this loop without an exception
                }
              });
      assertTrue(reset.getMessage().contains("reset"), reset.toString());
      assertEquals(1, proxy.injected(Fault.RESET));
      assertEquals(1, proxy.connections());
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new java.io.EOFException("after " + line);
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    try (FaultProxy proxy = FaultProxy.builder().upstream(dynamo.endpoint()).build().start()) {
      assertTrue(canConnect(InetAddress.getByName("127.0.0.1"), proxy.port()));
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (!address.isLoopbackAddress() && address instanceof Inet4Address) {
            assertFalse(canConnect(address, proxy.port()), "reachable on " + address);
          }
        }
      }
    }
  }

  @Test
  void rejectsAnImpossiblePlan() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FaultProxy.builder()
                .upstream("http://127.0.0.1:1")
                .fault(Fault.THROTTLE, 0.7)
                .fault(Fault.RESET, 0.4)
                .build());
    assertThrows(
        IllegalArgumentException.class, () -> FaultProxy.builder().upstream("https://example.com"));
    assertThrows(IllegalStateException.class, () -> FaultProxy.builder().build());
    assertThrows(IllegalArgumentException.class, () -> FaultProxy.builder().unprocessedShare(0));
  }

  // ---- helpers

  private static Consumer<ClientOverrideConfiguration.Builder> retries(int n) {
    return o ->
        o.retryPolicy(
            RetryPolicy.builder()
                .numRetries(n)
                .backoffStrategy(BackoffStrategy.none())
                .throttlingBackoffStrategy(BackoffStrategy.none())
                .build());
  }

  private static DynamoDbClient client(
      String endpoint, Consumer<ClientOverrideConfiguration.Builder> override) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .overrideConfiguration(override)
        .build();
  }

  /** A fresh table with key PK (and sort key SK when {@code sorted}). */
  private static String createTable(DynamoDbClient c, boolean sorted) {
    String name = "faults" + TABLES.incrementAndGet();
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    attributes.add(
        AttributeDefinition.builder()
            .attributeName("PK")
            .attributeType(ScalarAttributeType.S)
            .build());
    keys.add(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build());
    if (sorted) {
      attributes.add(
          AttributeDefinition.builder()
              .attributeName("SK")
              .attributeType(ScalarAttributeType.S)
              .build());
      keys.add(KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build());
    }
    c.createTable(
        b ->
            b.tableName(name)
                .attributeDefinitions(attributes)
                .keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST));
    return name;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk));
  }

  private static Map<String, AttributeValue> item(String pk, String sk, String text) {
    Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
    item.put("T", AttributeValue.fromS(text));
    item.put(
        "N",
        AttributeValue.fromN(
            sk.replaceAll("\\D", "").isEmpty()
                ? "0"
                : Integer.toString(Integer.parseInt(sk.replaceAll("\\D", "")))));
    item.put("B", AttributeValue.fromB(SdkBytes.fromUtf8String(pk + "/" + sk)));
    item.put(
        "L",
        AttributeValue.fromL(
            List.of(
                AttributeValue.fromBool(true),
                AttributeValue.fromNul(true),
                AttributeValue.fromSs(List.of("x", "y")))));
    return item;
  }

  private static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }

  private static int count(Map<String, List<WriteRequest>> requests) {
    return requests.values().stream().mapToInt(List::size).sum();
  }

  private static int countItems(String table) {
    return direct.scanPaginator(b -> b.tableName(table)).stream().mapToInt(r -> r.count()).sum();
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean canConnect(InetAddress address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
