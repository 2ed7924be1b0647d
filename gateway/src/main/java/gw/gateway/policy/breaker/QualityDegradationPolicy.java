package gw.gateway.policy.breaker;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Metered;
import gw.gateway.chain.Policy;
import gw.gateway.config.ConfigSource;
import gw.gateway.incident.IncidentClass;
import gw.traces.quality.QualityProxies;
import io.vertx.core.Future;
import java.util.List;

/**
 * QUALITY_DEGRADATION: every chat answer is judged by the quality proxies (off the event loop, when
 * the exchange is measured). When failing answers reach the window's share the breaker opens and
 * chat requests are rolled back to the known-good model and, when they use a registry prompt, to
 * its known-good version, until a half-open probe (a request as asked) passes again.
 */
public final class QualityDegradationPolicy implements Policy {
  public static final String ROLLBACK_ACTION = "quality_degradation/rollback_model";
  static final String FILE = "quality.json";
  private static final String PHRASES = "an array of phrases";

  private final Breaker breaker;
  private final WindowBreaker window;
  private final String knownGoodModel;

  public QualityDegradationPolicy(Breakers breakers) {
    this.breaker = breakers.get(IncidentClass.QUALITY_DEGRADATION);
    this.window = (WindowBreaker) breaker.trigger();
    this.knownGoodModel = breakers.config().quality().knownGoodModel();
  }

  /** {@code quality.json} as written. */
  record QualityFile(@JsonPropertyDescription(PHRASES) List<String> brandBannedPhrases) {}

  /** The proxies with the brand word list from {@code quality.json}. */
  public static QualityProxies proxies(ConfigSource source) {
    List<String> phrases = source.bind(FILE, QualityFile.class).brandBannedPhrases();
    if (phrases == null || phrases.contains(null)) {
      throw source.fields(FILE).error("brand_banned_phrases", "must be " + PHRASES, "write [] for none");
    }
    return new QualityProxies(phrases);
  }

  @Override
  public Future<Void> onRequest(Exchange exchange) {
    if (!exchange.route().isCompletion()) {
      return DONE;
    }
    boolean learns = breaker.mode().triggerRuns();
    switch (breaker.decide()) {
      case PASS -> {
        if (learns) {
          exchange.onMetered(m -> {
            if (m.quality() != null) {
              window.record(!m.quality().passed(), "failed quality checks " + m.quality().failed());
            }
          });
        }
      }
      case PROBE -> exchange.onMetered(m -> window.probeResult(passed(m)));
      case INTERCEPT -> rollBack(exchange);
    }
    return DONE;
  }

  /** To the known-good model, and (in the prompt step) the prompt's known-good version. */
  private void rollBack(Exchange exchange) {
    boolean switchModel = !knownGoodModel.equals(exchange.modelRequested());
    boolean apply = switchModel ? breaker.act(exchange, ROLLBACK_ACTION) : breaker.act(exchange);
    if (!apply) {
      exchange.observeKnownGood(); // observe mode: the prompt step notes the version it would have served
      return;
    }
    exchange.requestKnownGood();
    if (switchModel) {
      exchange.routeTo(knownGoodModel, ROLLBACK_ACTION);
    }
  }

  private static boolean passed(Metered m) {
    return m.quality() != null && m.quality().passed();
  }
}
