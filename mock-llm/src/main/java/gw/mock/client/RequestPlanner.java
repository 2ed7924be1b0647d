package gw.mock.client;

import java.util.List;
import java.util.Random;

/**
 * Draws the next request's question, session, user and tool outcomes from a seeded random source. The
 * shares mirror a support app: a fifth of answers streamed, a third of questions needing an order lookup,
 * and that lookup failing rarely enough that healthy tool success stays far above 95%.
 *
 * <p>The realistic mix ({@link #realistic}) also has users who give their own details, ask for detailed
 * answers or, rarely, ask what the shop's assistant should not answer; half its answers are streamed and
 * some are asked for as JSON.
 */
final class RequestPlanner {

  static final double STREAM_SHARE = 0.2;
  static final double ORDER_LOOKUP_SHARE = 0.3;
  static final double ORDER_LOOKUP_FAILURE_SHARE = 0.02;
  static final double REALISTIC_STREAM_SHARE = 0.5;
  static final double REALISTIC_JSON_SHARE = 0.1;
  static final double REALISTIC_DETAILS_SHARE = 0.3;
  static final double REALISTIC_DETAIL_ASKED_SHARE = 0.03;
  static final double REALISTIC_OUT_OF_SCOPE_SHARE = 0.01;
  private static final int SESSIONS = 6;
  private static final int USERS = 25;

  private final Random random;
  private final long seed;
  private final List<SampleQuestion> questions;
  private final boolean realistic;
  private long count;

  RequestPlanner(long seed, List<SampleQuestion> questions) {
    this(seed, questions, false);
  }

  private RequestPlanner(long seed, List<SampleQuestion> questions, boolean realistic) {
    this.random = new Random(seed);
    this.seed = seed;
    this.questions = questions;
    this.realistic = realistic;
  }

  static RequestPlanner realistic(long seed) {
    return new RequestPlanner(seed, RealisticQuestions.inScope(), true);
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
    String requestId = "rag-" + seed + "-" + number;
    if (!realistic) {
      return new PlannedRequest(number, requestId, question, sessionId, userId, stream, orderLookup,
          orderLookup && orderLookupFails, orderId, orderLookupMs, question.text(), false);
    }
    if (random.nextDouble() < REALISTIC_OUT_OF_SCOPE_SHARE) {
      List<SampleQuestion> offTopic = RealisticQuestions.outOfScope();
      question = offTopic.get(random.nextInt(offTopic.size()));
    }
    String message = random.nextDouble() < REALISTIC_DETAILS_SHARE
        ? RealisticQuestions.withDetails(question, random, orderId) : question.text();
    if (random.nextDouble() < REALISTIC_DETAIL_ASKED_SHARE) {
      message = RealisticQuestions.askingForDetail(message);
    }
    return new PlannedRequest(number, requestId, question, sessionId, userId,
        random.nextDouble() < REALISTIC_STREAM_SHARE, orderLookup, orderLookup && orderLookupFails, orderId,
        orderLookupMs, message, random.nextDouble() < REALISTIC_JSON_SHARE);
  }
}
