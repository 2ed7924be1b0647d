package gw.gateway.calibrate;

import gw.gateway.policy.identify.IdentifyPolicy;
import gw.traces.TraceRecord;
import gw.traces.diagnosis.Diagnoser;
import gw.traces.diagnosis.Diagnosis;
import gw.traces.diagnosis.FailureType;
import gw.traces.store.TracePage;
import gw.traces.store.TraceQuery;
import gw.traces.store.TraceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every stored trace of a run, read back from the store: which the gateway altered (any action on the
 * answer) and which the diagnoser finds unhealthy, with a few examples of each kind. Counted apart: the
 * client-error bursts' traces (a 401 is rightly an error) and traces whose only finding is a tool failure the
 * app itself reported (the sample app's order service times out now and then: the trace is right to say so,
 * and one such trace is not an incident).
 *
 * @param traces       traces of the healthy traffic
 * @param clientErrors traces of the client-error bursts
 * @param toolFailures healthy traffic's traces whose only findings are tool failures the app reported
 * @param alteredTraces healthy traffic's traces the gateway acted on
 * @param altered      the same by gateway action
 * @param unhealthy    healthy traffic's traces by diagnosed failure type
 * @param examples     up to {@link #EXAMPLES} per kind: trace id and what was found
 */
record TraceAudit(long traces, long clientErrors, long toolFailures, long alteredTraces, Map<String, Long> altered, Map<String, Long> unhealthy,
    List<String> examples) {
  static final int EXAMPLES = 3;

  static TraceAudit of(TraceStore store, Diagnoser diagnoser) {
    long traces = 0;
    long clientErrors = 0;
    long alteredTraces = 0;
    long toolFailures = 0;
    Map<String, Long> altered = new TreeMap<>();
    Map<String, Long> unhealthy = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    TraceQuery query = TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build();
    while (true) {
      TracePage page = store.query(query);
      for (TraceRecord r : page.items()) {
        if (r.httpStatus() == 400 || r.httpStatus() == 401) { // the bursts' (the sample client sends none)
          clientErrors++;
          continue;
        }
        traces++;
        List<String> actions = actions(r);
        alteredTraces += actions.isEmpty() ? 0 : 1;
        for (String action : actions) {
          note(altered, action, examples, r.traceId() + " altered: " + action);
        }
        Diagnosis d = diagnoser.diagnose(r);
        if (!d.healthy() && reportedToolFailure(r, d)) {
          toolFailures++;
        } else if (!d.healthy()) {
          note(unhealthy, d.type().name(), examples, r.traceId() + " " + d.type() + ": " + d.summary());
        }
      }
      if (page.nextCursor() == null) {
        return new TraceAudit(traces, clientErrors, toolFailures, alteredTraces, altered, unhealthy, List.copyOf(examples));
      }
      query = query.withCursor(page.nextCursor());
    }
  }

  private static boolean reportedToolFailure(TraceRecord r, Diagnosis d) {
    boolean reported = r.toolCalls() != null && r.toolCalls().stream().anyMatch(t -> !t.success());
    return reported && d.findings().stream().allMatch(f -> f.type() == FailureType.TOOL_TIMEOUT
        || f.type() == FailureType.ERROR && f.summary().startsWith("Tool '"));
  }

  /** What the gateway did to the answer; a replay's own mark is not an alteration. */
  private static List<String> actions(TraceRecord r) {
    return r.actions() == null ? List.of()
        : r.actions().stream().filter(a -> !a.equals(IdentifyPolicy.REPLAY_ACTION)).toList();
  }

  private static void note(Map<String, Long> counts, String kind, List<String> examples, String example) {
    long n = counts.merge(kind, 1L, Long::sum);
    if (n <= EXAMPLES) {
      examples.add(example);
    }
  }

  long unhealthyTotal() {
    return unhealthy.values().stream().mapToLong(Long::longValue).sum();
  }
}
