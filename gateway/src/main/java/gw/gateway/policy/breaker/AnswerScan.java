package gw.gateway.policy.breaker;

import gw.gateway.chain.Exchange;
import gw.gateway.policy.leak.LeakJudge;
import gw.gateway.policy.leak.Provenance;
import gw.traces.redact.Redactor;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One answer's DATA_INCIDENT scan: judges each sensitive value the redactor finds in it against the
 * request it answers (read only when the answer holds such a value), remembers the leaks by type
 * and origin, and tells the redactor which values to replace. In observe mode it replaces nothing
 * but still judges and reports. Not thread-safe: one answer, one event loop.
 */
final class AnswerScan {
  private final Exchange exchange;
  private final Redactor redactor;
  private final LeakJudge judge;
  private final boolean enforce;
  private final Consumer<AnswerScan> onFirstLeak;
  private final Map<String, String> leaks = new TreeMap<>();
  private Provenance provenance;
  private boolean redacts;

  AnswerScan(Exchange exchange, Redactor redactor, LeakJudge judge, boolean enforce,
      Consumer<AnswerScan> onFirstLeak) {
    this.exchange = exchange;
    this.redactor = redactor;
    this.judge = judge;
    this.enforce = enforce;
    this.onFirstLeak = onFirstLeak;
  }

  /** The redactor's question for one value: true when the client must not see it. */
  boolean replace(Redactor.Match match) {
    if (provenance == null) {
      provenance = Provenance.of(exchange, redactor);
    }
    LeakJudge.Judgement j = judge.judge(match, provenance);
    redacts |= j.redact();
    if (j.leak()) {
      boolean first = leaks.isEmpty();
      leaks.putIfAbsent(j.type(), j.origin().description());
      if (first) {
        onFirstLeak.accept(this);
      }
    }
    return enforce && j.redact();
  }

  boolean leaked() {
    return !leaks.isEmpty();
  }

  /** True when some value was (or, in observe mode, would have been) kept from the client. */
  boolean redacts() {
    return redacts;
  }

  /** E.g. {@code credit_card (retrieved documents only), email (not in the request)}: types and origins, never values. */
  String leakSummary() {
    StringJoiner j = new StringJoiner(", ");
    leaks.forEach((type, origin) -> j.add(type + " (" + origin + ")"));
    return j.toString();
  }
}
