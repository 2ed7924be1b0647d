package gw.traces.compare;

import java.util.Locale;

/** Whether a replay fixed what the original showed, left it as it was, or made it worse. */
public enum Verdict {
  IMPROVED, SAME, DEGRADED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
