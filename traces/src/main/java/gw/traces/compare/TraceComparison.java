package gw.traces.compare;

import gw.traces.TraceRecord;
import gw.traces.diagnosis.Diagnoser;
import gw.traces.diagnosis.Diagnosis;
import gw.traces.diagnosis.FailureType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An original trace and its replay side by side (seed's comparison: prompt version, model,
 * latency, tokens, cost, the first 200 characters of each answer, quality score), with a verdict
 * and its reason. The verdict rests on the diagnosis of each trace first, then on the quality
 * score; latency and cost only break a tie on the same healthy outcome.
 */
public record TraceComparison(Side original, Side replay, Verdict verdict, String reason) {
  static final int PREVIEW_CHARS = 200;
  /** Quality scores closer than this are the same. */
  static final double SCORE_EPSILON = 0.1;
  /** Latency or cost must change by this share to count on a tie. */
  static final double TIE_BREAK_SHARE = 0.2;

  /** One trace's columns of the comparison. */
  public record Side(String traceId, String promptVersion, String model, double latencyMs, Integer totalTokens,
      Double costUsd, String answerPreview, Double qualityScore, String diagnosis, String summary) {}

  public static TraceComparison of(TraceRecord original, TraceRecord replay, Diagnoser diagnoser) {
    Diagnosis before = diagnoser.diagnose(original);
    Diagnosis after = diagnoser.diagnose(replay);
    Side a = side(original, before);
    Side b = side(replay, after);
    List<String> why = new ArrayList<>();
    Verdict verdict = judge(before, after, a, b, why);
    return new TraceComparison(a, b, verdict, String.join("; ", why));
  }

  private static Verdict judge(Diagnosis before, Diagnosis after, Side a, Side b, List<String> why) {
    boolean wasHealthy = before.type() == FailureType.HEALTHY;
    boolean isHealthy = after.type() == FailureType.HEALTHY;
    if (!wasHealthy && isHealthy) {
      why.add(name(before.type()) + " fixed: the replay is healthy");
      return Verdict.IMPROVED;
    }
    if (wasHealthy && !isHealthy) {
      why.add("the replay shows " + name(after.type()) + ": " + after.summary());
      return Verdict.DEGRADED;
    }
    if (before.type() != after.type()) {
      why.add(name(before.type()) + " became " + name(after.type()));
    } else if (!wasHealthy) {
      why.add("still " + name(after.type()) + ": " + after.summary());
    }
    double qa = a.qualityScore() == null ? 1 : a.qualityScore();
    double qb = b.qualityScore() == null ? 1 : b.qualityScore();
    if (qb - qa >= SCORE_EPSILON) {
      why.add(String.format(Locale.ROOT, "quality score %.2f -> %.2f", qa, qb));
      return Verdict.IMPROVED;
    }
    if (qa - qb >= SCORE_EPSILON) {
      why.add(String.format(Locale.ROOT, "quality score %.2f -> %.2f", qa, qb));
      return Verdict.DEGRADED;
    }
    if (wasHealthy) {
      return tieBreak(a, b, why);
    }
    return Verdict.SAME;
  }

  /** Both healthy with equal quality: only a clear latency or cost change decides. */
  private static Verdict tieBreak(Side a, Side b, List<String> why) {
    double latency = change(a.latencyMs(), b.latencyMs());
    double cost = a.costUsd() == null || b.costUsd() == null ? 0 : change(a.costUsd(), b.costUsd());
    if (latency <= -TIE_BREAK_SHARE || cost <= -TIE_BREAK_SHARE) {
      if (latency < TIE_BREAK_SHARE && cost < TIE_BREAK_SHARE) {
        why.add(String.format(Locale.ROOT, "healthy and as good, latency %+.0f%%, cost %+.0f%%", latency * 100, cost * 100));
        return Verdict.IMPROVED;
      }
    }
    if (latency >= TIE_BREAK_SHARE || cost >= TIE_BREAK_SHARE) {
      if (latency > -TIE_BREAK_SHARE && cost > -TIE_BREAK_SHARE) {
        why.add(String.format(Locale.ROOT, "healthy and as good, but latency %+.0f%%, cost %+.0f%%", latency * 100, cost * 100));
        return Verdict.DEGRADED;
      }
    }
    why.add("healthy before and after, same quality");
    return Verdict.SAME;
  }

  private static double change(double before, double after) {
    return before <= 0 ? 0 : (after - before) / before;
  }

  private static Side side(TraceRecord r, Diagnosis d) {
    String answer = r.outputText();
    String preview = answer == null ? null : answer.length() <= PREVIEW_CHARS ? answer : answer.substring(0, PREVIEW_CHARS);
    return new Side(r.traceId(), r.promptVersion(), r.modelServed() != null ? r.modelServed() : r.modelRequested(),
        r.latencyMs(), r.tokens() == null ? null : r.tokens().totalTokens(), r.costUsd(), preview,
        r.quality() == null ? null : r.quality().score(), d.type().name(), d.summary());
  }

  private static String name(FailureType type) {
    return type.name();
  }
}
