package gw.gateway.policy.leak;

import gw.traces.redact.Redactor;
import gw.traces.redact.Sensitivity;

/**
 * Decides, for one sensitive value in an answer, whether it is a leak and whether the client may
 * see it. Credentials are redacted whatever their origin and leak unless the caller sent them.
 * High-risk ids leak unless the caller sent them or they are allowlisted. Contact data leaks only
 * when it is in no part of the request and not allowlisted.
 */
public final class LeakJudge {
  private final Allowlist allowlist;

  public LeakJudge(Allowlist allowlist) {
    this.allowlist = allowlist;
  }

  /** One value's judgement: {@code redact} is what the client must not see. */
  public record Judgement(Redactor.Match match, Origin origin, boolean leak, boolean redact) {
    public String type() {
      return match.type();
    }
  }

  public Judgement judge(Redactor.Match match, Provenance provenance) {
    Sensitivity sensitivity = match.sensitivity();
    if (sensitivity != Sensitivity.CREDENTIAL && allowlist.allows(match)) {
      return new Judgement(match, Origin.PUBLIC, false, false);
    }
    Origin origin = provenance.originOf(match);
    boolean leak = switch (sensitivity) {
      case CREDENTIAL, HIGH_RISK -> origin != Origin.CALLER;
      case CONTACT -> origin == Origin.NOWHERE;
    };
    return new Judgement(match, origin, leak, leak || sensitivity == Sensitivity.CREDENTIAL);
  }
}
