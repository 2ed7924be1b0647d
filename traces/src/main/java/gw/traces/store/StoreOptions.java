package gw.traces.store;

/**
 * @param queueCapacity records waiting for the writer before offers are dropped
 * @param maxBatchSize records written per transaction at most
 */
public record StoreOptions(int queueCapacity, int maxBatchSize) {
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
  public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;

  public StoreOptions {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1, got " + queueCapacity);
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
    }
  }

  public static StoreOptions defaults() {
    return new StoreOptions(DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH_SIZE);
  }

  public StoreOptions withQueueCapacity(int capacity) {
    return new StoreOptions(capacity, maxBatchSize);
  }
}
