package gw.bench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.traces.TraceIds;
import gw.traces.TraceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Valid, realistic trace records (2–4 KB of JSON: a RAG chat request with its context, 2–3
 * retrieved documents, a tool call now and then, and a span tree), cheap to make at high rates.
 *
 * <p>Record {@code i} is a pure function of {@code i} and the seed, so the benchmark can rebuild any
 * record's trace id, session, tenant and time without keeping them: ids are time-ordered v7 UUIDs
 * like the gateway's ({@link TraceIds}), times advance
 * {@link #STEP_MS} per record from {@link #START}, sessions are runs of {@link #SESSION_LENGTH}
 * consecutive records.
 */
final class TraceFactory {
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  static final long STEP_MS = 40; // 25 requests/s of simulated traffic: 1M records span ~11.6 h
  static final int SESSION_LENGTH = 8;
  static final String[] TENANTS = {
      "acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne",
      "soylent", "oscorp", "aperture", "blackmesa", "gringotts", "monarch", "duff", "vandelay", "pied-piper", "dunder"};
  /** Requested model, the served model and the share of traffic (per 100). */
  static final String[][] MODELS = {
      {"gpt-4o-mini", "gpt-4o-mini-2024-07-18", "50"},
      {"gpt-4o", "gpt-4o-2024-08-06", "20"},
      {"claude-3-5-sonnet", "claude-3-5-sonnet-20241022", "15"},
      {"gpt-4.1-mini", "gpt-4.1-mini-2025-04-14", "10"},
      {"o3-mini", "o3-mini-2025-01-31", "5"}};
  /** Errors per 1,000 records. */
  static final int ERRORS_PER_MILLE = 20;

  private static final String[] FEATURES = {"refund-assistant", "order-status", "kb-search", "onboarding-bot"};
  private static final String[] TEAMS = {"support", "growth", "platform"};
  private static final String[] TIERS = {"free", "pro", "enterprise"};
  private static final String[] SENTENCES = {
      "Refunds are available within 30 days of delivery for any order placed through the online store.",
      "The money goes back to the original payment method within five business days after approval.",
      "Customers start a refund from the orders page by choosing the order and selecting request refund.",
      "Standard shipping takes three to five business days, and express shipping arrives the next business day.",
      "Orders shipped to remote areas can take up to two additional days because of carrier schedules.",
      "A tracking link is emailed as soon as the parcel leaves the warehouse and updates every few hours.",
      "Enterprise customers can ask their account manager to extend the return window to sixty days.",
      "Items marked final sale cannot be returned unless they arrive damaged or differ from the description.",
      "To change the delivery address, contact support before the order status changes to shipped.",
      "Gift cards are not refundable, but an unused balance never expires and can be moved to another account.",
      "The loyalty program gives one point per dollar spent, and points are credited after the return window closes.",
      "When a refund is declined, the customer receives an email explaining the reason and how to appeal it.",
      "Support is available every day from eight in the morning to ten at night in the customer's time zone.",
      "Damaged items should be photographed before they are sent back, so the claim can be processed quickly.",
      "Subscriptions renew automatically at the end of each billing period unless they are cancelled in settings.",
      "Cancelling a subscription keeps access until the end of the current period, and no partial refund is given."};
  private static final String[] QUESTIONS = {
      "How do I get a refund for my order, and how long until the money is back on my card?",
      "My parcel has not arrived after a week; where can I see the tracking information for it?",
      "Can I still change the delivery address of an order I placed yesterday evening?",
      "What happens to my loyalty points and my gift card balance if I return the items I bought?",
      "I want to cancel my subscription; will I get a refund for the rest of this month?",
      "The blender arrived broken. What do I need to do to send it back and get a replacement?"};
  private static final String[] ERRORS = {
      "upstream returned 500: The server had an error while processing your request.",
      "upstream timed out after 60000 ms",
      "upstream returned 429: Rate limit reached for requests per minute; retry after 20 s.",
      "upstream connection refused"};
  private static final int VARIANTS = 64;

  private final long seed;
  private final Content[] variants = new Content[VARIANTS];

  TraceFactory(long seed) {
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    for (int v = 0; v < VARIANTS; v++) {
      variants[v] = content(random);
    }
  }

  /** The trace id of record {@code i}. */
  String traceId(long i) {
    long hi = mix(seed ^ (i * 0x9E3779B97F4A7C15L));
    return TraceIds.of(timeMs(i), hi, mix(hi ^ 0xD6E8FEB86659FD93L ^ i));
  }

  static long timeMs(long i) {
    return START.toEpochMilli() + i * STEP_MS;
  }

  static String sessionId(long i) {
    return "sess-" + (i / SESSION_LENGTH);
  }

  static String tenant(long i) {
    return TENANTS[skewed(i, TENANTS.length)];
  }

  static int modelIndex(long i) {
    int roll = (int) Math.floorMod(mix(i ^ 0x5DEECE66DL), 100L);
    for (int m = 0; m < MODELS.length; m++) {
      roll -= Integer.parseInt(MODELS[m][2]);
      if (roll < 0) {
        return m;
      }
    }
    return 0;
  }

  static boolean isError(long i) {
    return Math.floorMod(mix(i ^ 0xA5A5A5A5L), 1000L) < ERRORS_PER_MILLE;
  }

  TraceRecord record(long i) {
    long h = mix(i + seed);
    Content c = variants[(int) Math.floorMod(h, (long) VARIANTS)];
    String[] model = MODELS[modelIndex(i)];
    boolean error = isError(i);
    String tenant = tenant(i);
    double upstream = 300 + Math.floorMod(h >>> 8, 2500L);
    double gateway = 0.3 + Math.floorMod(h >>> 20, 40L) / 10.0;
    double latency = upstream + gateway;
    int promptTokens = 380 + (int) Math.floorMod(h >>> 28, 600L);
    int completionTokens = error ? 0 : 40 + (int) Math.floorMod(h >>> 36, 200L);
    String tier = TIERS[(int) Math.floorMod(h >>> 44, 3L)];
    return TraceRecord.builder()
        .traceId(traceId(i))
        .requestId("req-" + Long.toHexString(h))
        .sessionId(sessionId(i))
        .conversationId("conv-" + (i / (SESSION_LENGTH * 2)))
        .traceparent("00-" + Long.toHexString(h | Long.MIN_VALUE) + Long.toHexString(mix(h) | Long.MIN_VALUE)
            + "-" + Long.toHexString(mix(h ^ 7) | Long.MIN_VALUE) + "-01")
        .timestamp(Instant.ofEpochMilli(timeMs(i)).toString())
        .environment("production")
        .customerTier(tier)
        .tenant(tenant)
        .team(TEAMS[(int) Math.floorMod(h >>> 12, (long) TEAMS.length)])
        .feature(FEATURES[(int) Math.floorMod(h >>> 16, (long) FEATURES.length)])
        .route("/v1/chat/completions")
        .promptId("support-answer")
        .promptVersion("v2." + Math.floorMod(h >>> 24, 4L))
        .modelRequested(model[0])
        .modelServed(error ? null : model[1])
        .temperature(0.2)
        .stream((h & 1) == 0)
        .inputText(c.question)
        .outputText(error ? null : c.answer)
        .request(c.request)
        .retrievalQuery(c.question)
        .retrievedDocs(c.docs)
        .toolCalls((h & 6) == 0 ? c.toolCalls : null)
        .tokens(error ? null : new TraceRecord.Tokens(promptTokens, completionTokens, promptTokens + completionTokens,
            TraceRecord.Tokens.FROM_PROVIDER))
        .costUsd(error ? null : (promptTokens * 0.15 + completionTokens * 0.6) / 1_000_000)
        .latencyMs(latency)
        .latency(new TraceRecord.Latency(gateway, upstream, (h & 1) == 0 ? 180.0 + (h >>> 50) % 300 : null))
        .status(error ? TraceRecord.STATUS_ERROR : TraceRecord.STATUS_OK)
        .httpStatus(error ? 502 : 200)
        .error(error ? ERRORS[(int) Math.floorMod(h >>> 40, (long) ERRORS.length)] : null)
        .quality(error ? null : new TraceRecord.Quality(true, 0.92, List.of()))
        .actions(List.of())
        .sampling(error ? new TraceRecord.Sampling(true, "error", 1.0) : new TraceRecord.Sampling(true, "random", 0.1))
        .userIdHash(Long.toHexString(mix(h ^ 1) | Long.MIN_VALUE) + Long.toHexString(mix(h ^ 2) | Long.MIN_VALUE)
            + Long.toHexString(mix(h ^ 3) | Long.MIN_VALUE) + Long.toHexString(mix(h ^ 4) | Long.MIN_VALUE))
        .tags(List.of("env:production", "tier:" + tier, "tenant:" + tenant))
        .spans(spans(gateway, upstream, error, model[0]))
        .build();
  }

  private static List<TraceRecord.Span> spans(double gateway, double upstream, boolean error, String model) {
    double total = gateway + upstream;
    return List.of(
        new TraceRecord.Span("s1", null, "gateway.request", TraceRecord.Span.KIND_REQUEST, 0, total,
            error ? "error" : "ok", Map.of("http.route", "/v1/chat/completions", "http.status_code", error ? 502 : 200)),
        new TraceRecord.Span("s2", "s1", "retrieval", TraceRecord.Span.KIND_RETRIEVAL, 0.2, 18.5, "ok",
            Map.of("retrieval.documents", 3)),
        new TraceRecord.Span("s3", "s1", "llm.call", TraceRecord.Span.KIND_LLM, gateway, upstream,
            error ? "error" : "ok", Map.of("gen_ai.request.model", model, "attempt", 1)));
  }

  private record Content(String question, String answer, JsonNode request, List<TraceRecord.RetrievedDoc> docs,
      List<TraceRecord.ToolCall> toolCalls) {}

  private static Content content(SplittableRandom random) {
    String question = QUESTIONS[random.nextInt(QUESTIONS.length)];
    int docCount = 2 + random.nextInt(2);
    List<TraceRecord.RetrievedDoc> docs = new ArrayList<>();
    StringBuilder system = new StringBuilder(
        "You are the support assistant of an online store. Answer only from the context below and cite the"
            + " source of every sentence. If the context does not answer the question, say so.\n");
    for (int d = 0; d < docCount; d++) {
      String text = sentences(random, 1 + random.nextInt(2));
      String source = "kb/" + new String[] {"refunds", "shipping", "returns", "billing", "loyalty"}[random.nextInt(5)]
          + "-" + random.nextInt(40) + ".md";
      docs.add(new TraceRecord.RetrievedDoc(source, Math.round((0.95 - d * 0.2 - random.nextDouble() * 0.1) * 100)
          / 100.0, text));
      system.append("[source: ").append(source).append("] ").append(text).append('\n');
    }
    String answer = sentences(random, 2 + random.nextInt(2));
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode request = f.objectNode();
    request.put("model", "gpt-4o-mini");
    request.put("temperature", 0.2);
    request.put("stream", random.nextBoolean());
    ArrayNode messages = request.putArray("messages");
    messages.addObject().put("role", "system").put("content", system.toString());
    messages.addObject().put("role", "user").put("content", question);
    ObjectNode tool = f.objectNode().put("order_id", "ORD-2025-" + (100000 + random.nextInt(900000)));
    ObjectNode toolOut = f.objectNode().put("status", "delivered").put("delivered_at", "2026-01-02")
        .put("items", 1 + random.nextInt(4));
    return new Content(question, answer, request, List.copyOf(docs),
        List.of(new TraceRecord.ToolCall("lookup_order", tool, toolOut, 20 + random.nextInt(60), true, null)));
  }

  private static String sentences(SplittableRandom random, int count) {
    StringBuilder text = new StringBuilder();
    for (int s = 0; s < count; s++) {
      text.append(s == 0 ? "" : " ").append(SENTENCES[random.nextInt(SENTENCES.length)]);
    }
    return text.toString();
  }

  /** Tenants are skewed: the first few carry most of the traffic, as real customers do. */
  private static int skewed(long i, int n) {
    double u = (Math.floorMod(mix(i ^ 0x1234567L), 1_000_000L) + 0.5) / 1_000_000.0;
    return Math.min(n - 1, (int) (n * u * u));
  }

  /** SplitMix64's finaliser: a cheap, well-spread hash of a long. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
