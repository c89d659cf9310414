package dev.ticketmigration.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The plain way to load DynamoDB: full batches of 25 puts on a bounded queue, {@code threads}
 * workers each sending one synchronous BatchWriteItem at a time, UnprocessedItems re-sent with
 * exponential backoff, a failed call retried a few times before the load fails.
 */
final class BatchWriter implements AutoCloseable {
  static final int BATCH = 25;
  private static final List<WriteRequest> POISON = new ArrayList<>();

  private final DynamoDbClient client;
  private final String table;
  private final BlockingQueue<List<WriteRequest>> queue;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong items = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong unprocessedResent = new AtomicLong();
  private final AtomicLong callRetries = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private List<WriteRequest> pending = new ArrayList<>(BATCH);

  BatchWriter(DynamoDbClient client, String table, int threads) {
    this.client = client;
    this.table = table;
    this.queue = new ArrayBlockingQueue<>(threads * 4);
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::work, "batch-writer-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
  }

  /** Adds one item; sends a batch when 25 are pending. Blocks while the workers are behind. */
  void put(Map<String, AttributeValue> item) {
    pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    if (pending.size() == BATCH) {
      submit(pending);
      pending = new ArrayList<>(BATCH);
    }
  }

  /** Queues one ready batch (at most 25 distinct keys). */
  void submit(List<WriteRequest> batch) {
    try {
      do {
        checkFailure();
      } while (!queue.offer(batch, 1, java.util.concurrent.TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void work() {
    try {
      while (true) {
        List<WriteRequest> batch = queue.take();
        if (batch == POISON) {
          return;
        }
        if (failure.get() == null) {
          send(batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
      queue.clear(); // unblock the producer
    }
  }

  private void send(List<WriteRequest> batch) throws InterruptedException {
    List<WriteRequest> remaining = batch;
    long backoffMs = 50;
    int failedCalls = 0;
    while (!remaining.isEmpty()) {
      BatchWriteItemResponse response;
      try {
        List<WriteRequest> toSend = remaining;
        response = client.batchWriteItem(b -> b.requestItems(Map.of(table, toSend)));
        requests.incrementAndGet();
      } catch (SdkException e) {
        if (++failedCalls > 8) {
          throw e;
        }
        callRetries.incrementAndGet();
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
        continue;
      }
      List<WriteRequest> unprocessed =
          response.hasUnprocessedItems() ? response.unprocessedItems().get(table) : null;
      int sent = remaining.size();
      if (unprocessed == null || unprocessed.isEmpty()) {
        items.addAndGet(sent);
        return;
      }
      items.addAndGet(sent - unprocessed.size());
      unprocessedResent.addAndGet(unprocessed.size());
      remaining = unprocessed;
      Thread.sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    }
  }

  private void checkFailure() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("a BatchWriteItem call failed: " + t.getMessage(), t);
    }
  }

  long items() {
    return items.get();
  }

  long requests() {
    return requests.get();
  }

  long unprocessedResent() {
    return unprocessedResent.get();
  }

  long callRetries() {
    return callRetries.get();
  }

  /** Sends what is pending and waits until every worker has finished. */
  @Override
  public void close() {
    if (!pending.isEmpty()) {
      submit(pending);
      pending = new ArrayList<>(BATCH);
    }
    for (int i = 0; i < workers.size(); i++) {
      try {
        while (!queue.offer(POISON, 1, java.util.concurrent.TimeUnit.SECONDS)) {
          if (workers.stream().noneMatch(Thread::isAlive)) {
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread t : workers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    checkFailure();
  }
}
