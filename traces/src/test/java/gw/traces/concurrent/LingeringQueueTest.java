package gw.traces.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LingeringQueueTest {

  @Test
  void whatArrivedBeforeALookIsTakenInOneBatchUpToTheMaximum() throws InterruptedException {
    LingeringQueue<Integer> queue = new LingeringQueue<>(10, Duration.ofMillis(1));
    for (int i = 0; i < 5; i++) {
      assertThat(queue.offer(i)).isTrue();
    }
    List<Integer> batch = new ArrayList<>();
    assertThat(queue.take(batch, 3, Duration.ofSeconds(1))).isEqualTo(3);
    assertThat(queue.take(batch, 3, Duration.ofSeconds(1))).isEqualTo(2);
    assertThat(batch).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void aFullQueueRefusesWithoutBlocking() {
    LingeringQueue<String> queue = new LingeringQueue<>(2, Duration.ofMillis(1));
    assertThat(queue.offer("a")).isTrue();
    assertThat(queue.offer("b")).isTrue();
    assertThat(queue.offer("c")).isFalse();
    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  void anEmptyQueueReturnsNothingAfterTheTimeout() throws InterruptedException {
    LingeringQueue<String> queue = new LingeringQueue<>(2, Duration.ofMillis(1));
    List<String> batch = new ArrayList<>();
    long start = System.nanoTime();
    assertThat(queue.take(batch, 10, Duration.ofMillis(50))).isZero();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(batch).isEmpty();
  }

  @Test
  void aSleepingConsumerIsWokenByTheNextOfferNotByItsTimeout() throws Exception {
    LingeringQueue<String> queue = new LingeringQueue<>(4, Duration.ofMillis(1));
    List<String> batch = new ArrayList<>();
    CompletableFuture<Long> took = CompletableFuture.supplyAsync(() -> {
      try {
        long start = System.nanoTime();
        queue.take(batch, 10, Duration.ofSeconds(60));
        return System.nanoTime() - start;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    while (!queue.consumerSleeps()) {
      Thread.onSpinWait(); // ten empty looks of 1 ms each, then it sleeps
    }
    assertThat(queue.offer("wake")).isTrue();
    long waited = took.get(30, TimeUnit.SECONDS);
    assertThat(waited).isLessThan(TimeUnit.SECONDS.toNanos(30));
    assertThat(batch).containsExactly("wake");
    assertThat(queue.consumerSleeps()).isFalse();
  }

  @Test
  void wakeEndsAWaitWithNothingQueued() throws Exception {
    LingeringQueue<String> queue = new LingeringQueue<>(4, Duration.ofSeconds(30));
    CompletableFuture<Integer> took = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.take(new ArrayList<>(), 10, Duration.ofMinutes(5));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    queue.wake();
    assertThat(took.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void anInterruptedConsumerStopsWaiting() {
    LingeringQueue<String> queue = new LingeringQueue<>(4, Duration.ofMillis(1));
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> queue.take(new ArrayList<>(), 1, Duration.ofSeconds(60)))
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void aLingerMustBePositive() {
    assertThatThrownBy(() -> new LingeringQueue<String>(4, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linger must be positive");
  }
}
