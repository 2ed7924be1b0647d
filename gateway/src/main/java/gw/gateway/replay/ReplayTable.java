package gw.gateway.replay;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pass/fail table of a bulk replay, as text: the API returns it and the CLI prints it as is. */
public final class ReplayTable {
  private ReplayTable() {}

  public static String render(List<BulkReplays.Row> rows, Map<String, Integer> summary) {
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%-38s %-22s %-22s %-9s %-5s %s%n",
        "TRACE_ID", "ORIGINAL", "REPLAY", "VERDICT", "PASS", "REASON"));
    for (BulkReplays.Row r : rows) {
      if (r.error() != null) {
        t.append(String.format(Locale.ROOT, "%-38s %-22s %-22s %-9s %-5s %s%n", r.traceId(), "-", "-", "failed",
            "no", r.error()));
      } else {
        t.append(String.format(Locale.ROOT, "%-38s %-22s %-22s %-9s %-5s %s%n", r.traceId(), r.originalDiagnosis(),
            r.replayDiagnosis(), r.verdict(), r.passed() ? "yes" : "no", r.reason()));
      }
    }
    t.append(String.format(Locale.ROOT, "%d improved, %d same, %d degraded, %d failed%n", summary.get("improved"),
        summary.get("same"), summary.get("degraded"), summary.get("failed")));
    return t.toString();
  }
}
