package gw.gateway.incident;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.ConfigSource;
import gw.gateway.detect.Thresholds;
import gw.gateway.policy.breaker.BreakersConfig;
import gw.traces.TraceRecord;
import gw.traces.store.TracePage;
import gw.traces.store.TraceQuery;
import gw.traces.store.TraceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which traces become an incident's examples, and when its fault began. */
class TraceEvidenceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private final List<TraceRecord> stored = new ArrayList<>();
  private final TraceEvidence evidence = new TraceEvidence(new ListStore(stored),
      new FaultSigns(Thresholds.load(ConfigSource.bundled()), BreakersConfig.load(ConfigSource.bundled())),
      gw.traces.diagnosis.Diagnoser.withDefaults());

  private void trace(String id, long secondsAfterT0, double latencyMs, List<String> actions) {
    stored.add(TraceRecord.builder().traceId(id).timestamp(T0.plusSeconds(secondsAfterT0).toString())
        .route("/v1/chat/completions").modelRequested("gpt-4o").status(TraceRecord.STATUS_OK).httpStatus(200)
        .latencyMs(latencyMs).actions(actions).build());
  }

  @Test
  void theOnsetIsTheFirstOfABurstNotAStrayFailureBeforeIt() {
    trace("stray", 0, 9_000, List.of());
    trace("ok", 10, 300, List.of());
    trace("burst-1", 20, 12_000, List.of());
    trace("burst-2", 21, 12_000, List.of());
    trace("burst-3", 22, 12_000, List.of());
    assertThat(evidence.onset(IncidentClass.PERFORMANCE_DEGRADATION, T0, T0.plusSeconds(60)))
        .isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void examplesShowTheFaultBeforeAnyBreakerActedOnThem() {
    trace("healthy", 5, 300, List.of());
    trace("redirected", 6, 12_000, List.of("performance_degradation/fallback_model"));
    trace("slow", 7, 12_000, List.of());
    var found = evidence.find(IncidentClass.PERFORMANCE_DEGRADATION, T0, T0.plusSeconds(10), T0.plusSeconds(10));
    assertThat(found.during()).extracting(IncidentView.TraceRef::traceId).containsExactly("slow", "redirected", "healthy");
    assertThat(found.during()).extracting(IncidentView.TraceRef::showsFault).containsExactly(true, true, false);
    assertThat(found.before()).extracting(IncidentView.TraceRef::traceId).doesNotContain("slow", "redirected");
  }

  @Test
  void aLongHealthyAnswerDuringALatencyIncidentIsNoExampleOfIt() {
    stored.add(TraceRecord.builder().traceId("long").timestamp(T0.plusSeconds(5).toString())
        .route("/v1/chat/completions").modelRequested("gpt-4o").status(TraceRecord.STATUS_OK).httpStatus(200)
        .latencyMs(8_500).tokens(new TraceRecord.Tokens(900, 600, 1_500, TraceRecord.Tokens.FROM_PROVIDER))
        .actions(List.of()).build());
    trace("stalled", 6, 12_000, List.of());
    var found = evidence.find(IncidentClass.PERFORMANCE_DEGRADATION, T0, T0.plusSeconds(10), T0.plusSeconds(10));
    assertThat(found.during()).extracting(IncidentView.TraceRef::traceId).containsExactly("stalled", "long");
    assertThat(found.during()).extracting(IncidentView.TraceRef::showsFault).containsExactly(true, false);
  }

  /** Only what {@link TraceEvidence} reads: time-bounded queries, newest first. */
  private record ListStore(List<TraceRecord> records) implements TraceStore {
    @Override
    public TracePage query(TraceQuery q) {
      List<TraceRecord> hits = records.stream()
          .filter(r -> !Instant.parse(r.timestamp()).isBefore(q.from()) && Instant.parse(r.timestamp()).isBefore(q.to()))
          .sorted(Comparator.comparing(TraceRecord::timestamp).reversed()).toList();
      return new TracePage(hits, null);
    }

    @Override
    public boolean offer(TraceRecord record) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TraceRecord> findById(String traceId) {
      return Optional.empty();
    }

    @Override
    public long stored() {
      return records.size();
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public long rejected() {
      return 0;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
