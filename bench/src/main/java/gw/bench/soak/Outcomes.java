package gw.bench.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every answer of the soak, sorted per chaos phase: answered (a complete JSON answer, or a stream
 * that ended with {@code [DONE]}), failed where the phase injected failures, failed because a breaker
 * acted on faults injected earlier (its own error codes), and the rest: errors beyond the injected
 * ones, with the first few described.
 */
final class Outcomes {
  /** The gateway's errors for a breaker's mitigation: consequences of the injected faults. */
  static final Set<String> MITIGATION_CODES = Set.of("breaker_open", "cost_spike_shed");
  private static final int EXAMPLES = 10;

  static final class Counts {
    long sent;
    long answered;
    long injected;
    long mitigated;
    long unexpected;
  }

  private final Map<String, Counts> byPhase = new LinkedHashMap<>();
  private final List<String> examples = new ArrayList<>();
  private long notSent;

  synchronized void sent(ChaosCycle.Phase phase) {
    counts(phase).sent++;
  }

  synchronized void notSent() {
    notSent++;
  }

  synchronized void answered(ChaosCycle.Phase phase) {
    counts(phase).answered++;
  }

  /** A failed request: an error status (with the gateway's error code, if any) or no complete answer. */
  synchronized void failed(ChaosCycle.Phase phase, String what, String errorCode) {
    Counts c = counts(phase);
    if (phase.injectsFailures()) {
      c.injected++;
    } else if (errorCode != null && MITIGATION_CODES.contains(errorCode)) {
      c.mitigated++;
    } else {
      c.unexpected++;
      if (examples.size() < EXAMPLES) {
        examples.add(phase.name() + ": " + what);
      }
    }
  }

  synchronized long unexpected() {
    return byPhase.values().stream().mapToLong(c -> c.unexpected).sum();
  }

  synchronized List<String> report() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-16s %8s %8s %9s %10s %11s", "phase", "sent", "answered", "injected", "mitigated",
        "unexpected"));
    byPhase.forEach((name, c) -> lines.add(String.format("%-16s %8d %8d %9d %10d %11d", name, c.sent, c.answered,
        c.injected, c.mitigated, c.unexpected)));
    if (notSent > 0) {
      lines.add(notSent + " requests not sent: the client's in-flight limit was reached (the gateway answered slower than the rate)");
    }
    examples.forEach(e -> lines.add("unexpected: " + e));
    return lines;
  }

  private Counts counts(ChaosCycle.Phase phase) {
    return byPhase.computeIfAbsent(phase.name(), n -> new Counts());
  }
}
