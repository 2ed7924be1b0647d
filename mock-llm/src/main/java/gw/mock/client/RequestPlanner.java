package gw.mock.client;

import java.util.List;
import java.util.Random;

/**
 * Draws the next request's question, session, user and tool outcomes from a seeded random source. The
 * shares mirror a support app: a fifth of answers streamed, a third of questions needing an order lookup,
 * and that lookup failing rarely enough that healthy tool success stays far above 95%.
 */
final class RequestPlanner {

  static final double STREAM_SHARE = 0.2;
  static final double ORDER_LOOKUP_SHARE = 0.3;
  static final double ORDER_LOOKUP_FAILURE_SHARE = 0.02;
  private static final int SESSIONS = 6;
  private static final int USERS = 25;

  private final Random random;
  private final long seed;
  private final List<SampleQuestion> questions;
  private long count;

  RequestPlanner(long seed, List<SampleQuestion> questions) {
    this.random = new Random(seed);
    this.seed = seed;
    this.questions = questions;
  }

  /** Not thread-safe: the traffic calls it from its one event loop. */
  PlannedRequest next() {
    long number = ++count;
    SampleQuestion question = questions.get(random.nextInt(questions.size()));
    String sessionId = "rag-session-" + (1 + random.nextInt(SESSIONS));
    String userId = "rag-user-" + (1 + random.nextInt(USERS));
    boolean stream = random.nextDouble() < STREAM_SHARE;
    boolean orderLookup = random.nextDouble() < ORDER_LOOKUP_SHARE;
    boolean orderLookupFails = random.nextDouble() < ORDER_LOOKUP_FAILURE_SHARE;
    String orderId = "A" + (10_000 + random.nextInt(90_000));
    long orderLookupMs = 15 + random.nextInt(60);
    return new PlannedRequest(number, "rag-" + seed + "-" + number, question, sessionId, userId, stream,
        orderLookup, orderLookup && orderLookupFails, orderId, orderLookupMs);
  }
}
