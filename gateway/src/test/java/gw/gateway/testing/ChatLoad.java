package gw.gateway.testing;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Closed-loop load on a {@link GatewayProcess}: each client sends its next chat completion as soon as
 * the last one is answered, until {@link #stop()}, until {@code limit} requests were sent in all, or
 * until the gateway stops answering. Every 200 is kept with its trace id and the moment it arrived.
 */
public final class ChatLoad {
  /** A request answered 200: its {@code x-gateway-trace-id} and {@link System#nanoTime()} once the body was read. */
  public record Answered(String traceId, long atNanos) {}

  private final List<Thread> clients = new ArrayList<>();
  private final ConcurrentLinkedQueue<Answered> answered = new ConcurrentLinkedQueue<>();
  private final Map<Integer, AtomicLong> otherStatuses = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final long limit;
  private volatile boolean stopping;
  /** Notified at every answer, so a test waits on the load's progress rather than on the clock. */
  private final Object progress = new Object();

  private ChatLoad(long limit) {
    this.limit = limit;
  }

  /** {@code clients} threads sending until stopped (or {@code limit} requests in all). */
  public static ChatLoad start(GatewayProcess gw, int clients, long limit) {
    ChatLoad load = new ChatLoad(limit);
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread t = new Thread(() -> load.run(gw, client), "chat-load-" + i);
      t.setDaemon(true);
      load.clients.add(t);
      t.start();
    }
    return load;
  }

  private void run(GatewayProcess gw, int client) {
    long n = 0;
    while (!stopping && sent.incrementAndGet() <= limit) {
      HttpResponse<String> r;
      try {
        r = gw.chat("client " + client + " request " + n++);
      } catch (IOException e) {
        return; // the gateway is gone (killed): this client is done
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (r.statusCode() == 200) {
        answered.add(new Answered(r.headers().firstValue("x-gateway-trace-id").orElseThrow(), System.nanoTime()));
        synchronized (progress) {
          progress.notifyAll();
        }
      } else {
        otherStatuses.computeIfAbsent(r.statusCode(), s -> new AtomicLong()).incrementAndGet();
      }
    }
  }

  /**
   * Waits until {@code condition} holds of the answers so far (checked again at each answer), or fails
   * naming {@code what} after {@code timeout}.
   */
  public void awaitAnswers(String what, Duration timeout, Predicate<List<Answered>> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (!condition.test(answered())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s; "
              + answered.size() + " answered, other statuses " + otherStatuses());
        }
        progress.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Waits until every client has finished (after {@link #stop()}, the limit, or the gateway's end). */
  public ChatLoad await() throws InterruptedException {
    for (Thread t : clients) {
      t.join(60_000);
      if (t.isAlive()) {
        throw new AssertionError(t.getName() + " still running after 60 s");
      }
    }
    return this;
  }

  public ChatLoad stop() throws InterruptedException {
    stopping = true;
    return await();
  }

  /** Requests sent (answered or not). */
  public long sent() {
    return Math.min(sent.get(), limit);
  }

  public List<Answered> answered() {
    return List.copyOf(answered);
  }

  /** Answers other than 200, by status. */
  public Map<Integer, Long> otherStatuses() {
    Map<Integer, Long> copy = new TreeMap<>();
    otherStatuses.forEach((status, count) -> copy.put(status, count.get()));
    return copy;
  }
}
