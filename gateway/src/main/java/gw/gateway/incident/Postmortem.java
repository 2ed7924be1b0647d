package gw.gateway.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A postmortem draft in the seed's template, written from a resolved incident's own data: header,
 * summary, impact, timeline, root cause, detection (with its latency), mitigation, action items,
 * lessons learned and trace evidence. Blameless, and marked as a draft for the owner to complete.
 */
public final class Postmortem {
  public static final List<String> SECTIONS = List.of("Summary", "Impact", "Timeline", "Root cause", "Detection",
      "Mitigation", "Action items", "Lessons learned", "Trace evidence");

  private Postmortem() {}

  /** @param onset the first unhealthy trace's time, or null when the store holds none */
  public static String render(IncidentView v, IncidentCatalog catalog, Instant onset) {
    IncidentCatalog.ClassInfo info = catalog.classes().get(gw.gateway.incident.IncidentClass.parse(v.incidentClass()));
    IncidentCatalog.Severity sev = catalog.severities().get(v.severity());
    Instant opened = Instant.parse(v.openedAt());
    Instant resolved = Instant.parse(v.resolvedAt());
    Instant start = onset != null && onset.isBefore(opened) ? onset : opened;
    StringBuilder md = new StringBuilder();
    md.append("# Postmortem ").append(v.id()).append(": ").append(v.title()).append("\n\n");
    md.append("| | |\n|---|---|\n")
        .append(row("Incident", v.id()))
        .append(row("Date", opened.toString().substring(0, 10)))
        .append(row("Severity", v.severity() + " — " + sev.meaning()))
        .append(row("Class", v.incidentClass()))
        .append(row("Duration", duration(start, resolved) + " (from the first failing trace to resolution)"))
        .append(row("Status", "Resolved by " + v.resolvedBy() + "; postmortem draft"))
        .append(row("Author", "Drafted by the gateway from its own evidence; owner: the on-call engineer"))
        .append(row("Postmortem due", sev.postmortemHours() == 0 ? "not required for " + v.severity()
            : "within " + sev.postmortemHours() + " h of opening (" + opened.plus(Duration.ofHours(sev.postmortemHours())) + ")"))
        .append('\n');

    md.append("## Summary\n\n").append(summary(v, info, start, resolved)).append("\n\n");

    IncidentView.Impact impact = v.impact();
    md.append("## Impact\n\n");
    if (impact == null) {
      md.append("- Traffic and spend while open: not shown to a token scoped to one tenant (they cover every tenant)\n");
    } else {
      md.append("- Requests while the incident was open: ").append(impact.requests()).append('\n')
          .append("- Failed requests: ").append(impact.failed()).append(share(impact.failed(), impact.requests()))
          .append('\n')
          .append("- Answers failing the quality proxies: ").append(impact.qualityFailed()).append('\n')
          .append("- Spend while open: $").append(String.format(Locale.ROOT, "%.4f", impact.costUsd())).append('\n');
    }
    md.append("- Requests the ").append(v.incidentClass()).append(" breaker acted on: ").append(v.intercepted()).append('\n')
        .append(v.observed() == null ? "" : "- Requests it would have acted on in observe mode: "
            + v.observed().requests() + '\n')
        .append("- Worst values: ").append(peaks(v)).append("\n\n");

    md.append("## Timeline\n\nAll times UTC.\n\n| time | event | detail |\n|---|---|---|\n");
    if (onset != null && onset.isBefore(opened)) {
      md.append("| ").append(time(onset)).append(" | onset | first failing trace in the store |\n");
    }
    for (IncidentView.Entry e : v.timeline()) {
      md.append("| ").append(time(Instant.parse(e.at()))).append(" | ").append(e.kind()).append(" | ")
          .append(cell(e.message())).append(" |\n");
    }
    md.append('\n');

    md.append("## Root cause\n\n").append(info.description()).append("\n\n")
        .append("Triage: ").append(v.reason()).append("\n\n");
    if (v.replays().isEmpty()) {
      md.append("No replay was run while the incident was open. ");
    } else {
      md.append("Replays run during the incident:\n\n");
      for (IncidentView.Replay r : v.replays()) {
        md.append("- `").append(r.traceId()).append("` replayed with ").append(r.overrides()).append(" as `")
            .append(r.replayTraceId()).append("`: **").append(r.verdict()).append("** — ").append(r.reason()).append('\n');
      }
      md.append('\n');
    }
    md.append("Typical root causes of this class, to confirm or rule out: ")
        .append(String.join("; ", info.rootCauses())).append(".\n\n");

    md.append("## Detection\n\n")
        .append("- First alert: ").append(v.firstAlert()).append('\n')
        .append("- Detected by: the gateway's triage over its live detection window (signals: ")
        .append(String.join("; ", info.detection())).append(")\n")
        .append("- Detection latency: ").append(onset != null && onset.isBefore(opened)
            ? duration(onset, opened) + " from the first failing trace to the alert"
            : "not measurable: no failing trace before the alert was stored").append('\n')
        .append("- Acknowledged: ").append(v.acknowledgedAt() == null ? "not acknowledged before resolution"
            : v.acknowledgedAt() + " by " + v.acknowledgedBy() + " (" + duration(opened, Instant.parse(v.acknowledgedAt()))
            + " after the alert; target " + sev.acknowledgeMinutes() + " min)").append("\n\n");

    md.append("## Mitigation\n\n");
    if (v.mitigatedAt() == null && v.observed() != null) {
      md.append(observeMode(v)).append(" The incident ended without mitigation.\n\n");
    } else if (v.mitigatedAt() == null) {
      md.append("The ").append(v.incidentClass()).append(" breaker did not open; the incident ended without mitigation.\n\n");
    } else {
      md.append("The ").append(v.incidentClass()).append(" breaker opened at ").append(time(Instant.parse(v.mitigatedAt())))
          .append(", ").append(duration(start, Instant.parse(v.mitigatedAt()))).append(" after onset: ")
          .append(v.mitigation()).append(". It acted on ").append(v.intercepted()).append(" requests.\n\n");
    }
    if (v.recoveredAt() != null) {
      md.append("Signals cleared at ").append(time(Instant.parse(v.recoveredAt()))).append("; ");
    }
    md.append("resolved at ").append(time(resolved)).append(" by ").append(v.resolvedBy()).append(": ")
        .append(v.resolution()).append(".\n\n");

    md.append("## Action items\n\n| action | owner | priority | due |\n|---|---|---|---|\n");
    for (IncidentCatalog.ActionItem a : info.actionItems()) {
      md.append("| ").append(cell(a.description())).append(" | ").append(a.owner()).append(" | ").append(a.priority())
          .append(" | ").append(a.due()).append(" |\n");
    }
    md.append('\n');

    md.append("## Lessons learned\n\n").append(lessons(v, sev, start, opened)).append('\n');

    md.append("## Trace evidence\n\n| when | trace id | status | model | latency ms | diagnosis |\n|---|---|---|---|---|---|\n");
    evidence(md, "before", v.traces().before());
    evidence(md, "during", v.traces().during());
    if (v.traces().before().isEmpty()) {
      md.append("\nNo healthy trace from the 15 minutes before the incident is stored.\n");
    }
    return md.toString();
  }

  private static String summary(IncidentView v, IncidentCatalog.ClassInfo info, Instant start, Instant resolved) {
    return "A " + v.severity() + " " + v.incidentClass() + " incident lasted " + duration(start, resolved) + ". It was raised by "
        + v.firstAlert() + (v.mitigatedAt() == null ? "" : "; the gateway mitigated it by " + v.mitigation())
        + ", and it was resolved by " + v.resolvedBy() + " (" + v.resolution() + ")."
        + (v.impact() == null ? "" : " " + v.impact().requests() + " requests were served while it was open, "
            + v.impact().failed() + " of them failed.")
        + (v.mitigatedAt() == null && v.observed() != null ? " " + observeMode(v) : "");
  }

  /** What a breaker in observe mode would have done instead of mitigating. */
  private static String observeMode(IncidentView v) {
    IncidentView.Observed o = v.observed();
    return "The " + v.incidentClass() + " breaker was in observe mode"
        + (o.breakerOpenedAt() == null ? "" : " and opened at " + time(Instant.parse(o.breakerOpenedAt())))
        + ", so it intercepted nothing; it would have been " + o.wouldHave() + " for " + o.requests() + " requests.";
  }

  private static String lessons(IncidentView v, IncidentCatalog.Severity sev, Instant start, Instant opened) {
    StringBuilder l = new StringBuilder();
    l.append("- **Went well:** the gateway raised the alert ").append(duration(start, opened)).append(" after onset");
    if (v.mitigatedAt() != null) {
      l.append(" and its breaker mitigated automatically ").append(duration(start, Instant.parse(v.mitigatedAt())))
          .append(" after onset");
    }
    l.append(".\n");
    l.append("- **Went poorly:** while it was open ").append(v.impact() == null ? ""
            : v.impact().failed() + " requests failed, " + v.impact().qualityFailed() + " answers failed the quality"
                + " proxies and ").append(v.intercepted())
        .append(" got the breaker's mitigation instead of the normal answer")
        .append(v.mitigatedAt() != null ? "" : v.observed() != null
            ? "; the breaker was in observe mode, so users saw the fault until it ended (switch the class to auto "
                + "once its observe-mode incidents match real faults)"
            : "; no breaker opened, so users saw the fault until it ended")
        .append(".\n");
    l.append("- **Process:** ").append(v.acknowledgedAt() == null
        ? "nobody acknowledged it (target " + sev.acknowledgeMinutes() + " min); check that the alert reaches the on-call rota"
        : "acknowledged by " + v.acknowledgedBy()).append(".\n");
    l.append("- **Diagnosis:** ").append(v.replays().isEmpty()
        ? "no replay was run; replaying a failing trace with another model or prompt version would have confirmed the cause"
        : v.replays().size() + " replay(s) compared the failing request with an alternative").append(".\n");
    return l.toString();
  }

  private static void evidence(StringBuilder md, String when, List<IncidentView.TraceRef> refs) {
    for (IncidentView.TraceRef t : refs) {
      md.append("| ").append(when).append(" | `").append(t.traceId()).append("` | ").append(t.status()).append(" | ")
          .append(t.model()).append(" | ").append(Math.round(t.latencyMs())).append(" | ").append(cell(t.diagnosis()))
          .append(" |\n");
    }
  }

  private static String peaks(IncidentView v) {
    return v.peaks().isEmpty() ? "none recorded"
        : String.join("; ", v.peaks().stream().map(Signal::alertLine).toList());
  }

  private static String row(String k, String v) {
    return "| " + k + " | " + cell(v) + " |\n";
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  private static String share(long part, long whole) {
    return whole == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100.0 * part / whole);
  }

  private static String time(Instant t) {
    return t.toString().substring(11, 19);
  }

  static String duration(Instant from, Instant to) {
    long ms = Math.max(0, Duration.between(from, to).toMillis());
    long s = ms / 1000;
    return s < 120 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : s < 7200 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
