package gw.gateway.policy.budget;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import gw.gateway.chain.Policy;
import gw.gateway.policy.limit.RequestEstimator;
import gw.gateway.state.SpendDelta;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chargeback ledger's write side: every metered model call adds its cost and tokens to an
 * in-memory total per UTC day, tenant, team, feature, model and tag set; {@link #drain()} hands the
 * totals to the caller, which writes them to the control store in one transaction (every second,
 * and before a cost report). A crash loses at most the undrained second.
 *
 * <p>Feature, model and tags are the client's to choose, so each UTC day takes at most
 * {@code maxLabelValues} distinct combinations of them (per process); the spend of any further
 * combination is booked under {@value #OTHER} and counted ({@link #overflowed()}), so a client cannot
 * grow the ledger without bound.
 */
public final class SpendRecorder implements Policy {
  private final Clock clock;
  private final Object lock = new Object();
  private Map<Key, Totals> pending = new HashMap<>();
  static final String OTHER = "_other";
  private final int maxLabelValues;
  private final Set<List<Object>> labelsToday = new HashSet<>();
  private LocalDate labelDay;
  private long overflowed;

  private record Key(LocalDate day, String tenant, String team, String feature, String model, Map<String, String> tags) {}

  /** Running sums for one key; touched only under the lock. */
  private static final class Totals {
    long promptTokens;
    long completionTokens;
    long requests;
    double costUsd;

    void add(long prompt, long completion, long count, double usd) {
      promptTokens += prompt;
      completionTokens += completion;
      requests += count;
      costUsd += usd;
    }
  }

  public SpendRecorder(Clock clock, int maxLabelValues) {
    this.clock = clock;
    this.maxLabelValues = maxLabelValues;
  }

  /** Metered calls booked under {@value #OTHER} because their day's label combinations were used up. */
  public long overflowed() {
    synchronized (lock) {
      return overflowed;
    }
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    if (RequestEstimator.limits(exchange.route())) {
      exchange.onMetered(m -> add(exchange, m));
    }
    return DONE;
  }

  private void add(Exchange ex, Metered m) {
    LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    String feature = ex.context().feature();
    String model = ex.routedModel();
    Map<String, String> tags = tags(ex);
    synchronized (lock) {
      if (!day.equals(labelDay)) {
        labelDay = day;
        labelsToday.clear();
      }
      List<Object> labels = Arrays.asList(feature, model, tags);
      if (!labelsToday.contains(labels) && labelsToday.size() >= maxLabelValues) {
        overflowed++;
        feature = OTHER;
        model = OTHER;
        tags = Map.of("tag", OTHER);
      } else {
        labelsToday.add(labels);
      }
      Key key = new Key(day, ex.identity().tenant(), ex.identity().team(), feature, model, tags);
      pending.computeIfAbsent(key, k -> new Totals()).add(m.promptTokens(), m.completionTokens(), 1, m.costUsd());
    }
  }

  /** {@code gateway.tags} entries as key:value (a tag without a colon is {@code tag:<value>}). */
  private static Map<String, String> tags(Exchange ex) {
    if (ex.context().tags().isEmpty()) {
      return Map.of();
    }
    Map<String, String> tags = new LinkedHashMap<>();
    ex.context().tags().forEach(s -> {
      int colon = s.indexOf(':');
      if (colon > 0) {
        tags.put(s.substring(0, colon), s.substring(colon + 1));
      } else {
        tags.put("tag", s);
      }
    });
    return Map.copyOf(tags);
  }

  /** Returns totals whose write failed, so the next drain tries them again. */
  public void putBack(List<SpendDelta> deltas) {
    synchronized (lock) {
      for (SpendDelta d : deltas) {
        Key key = new Key(d.day(), d.tenant(), d.team(), d.feature(), d.model(), d.tags());
        pending.computeIfAbsent(key, k -> new Totals())
            .add(d.promptTokens(), d.completionTokens(), d.requests(), d.costUsd());
      }
    }
  }

  /** Takes everything recorded so far; call from the worker that writes it. */
  public List<SpendDelta> drain() {
    Map<Key, Totals> totals;
    synchronized (lock) {
      if (pending.isEmpty()) {
        return List.of();
      }
      totals = pending;
      pending = new HashMap<>();
    }
    List<SpendDelta> deltas = new ArrayList<>(totals.size());
    totals.forEach((k, t) -> deltas.add(new SpendDelta(k.day(), k.tenant(), k.team(), k.feature(), k.model(), k.tags(),
        t.costUsd, t.promptTokens, t.completionTokens, t.requests)));
    return deltas;
  }
}
