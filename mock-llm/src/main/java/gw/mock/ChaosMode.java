package gw.mock;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The failure and misbehaviour modes the mock can inject. Some take one integer parameter, named in
 * the runtime JSON by {@link #paramName()} and written {@code name=value} in the {@code x-mock-chaos} header.
 */
public enum ChaosMode {
  LATENCY("ms", 1000),
  ERROR_500(null, 0),
  ERROR_503(null, 0),
  RATE_LIMIT("retry_after", 1),
  /** Parameter: how long the silent connection is held before it is closed, so it cannot leak. */
  TIMEOUT("ms", 120_000),
  DROP_CONNECTION(null, 0),
  TRUNCATE_STREAM(null, 0),
  HALLUCINATION(null, 0),
  /** Parameter: how many times the answer is repeated. */
  TOKEN_BLOWUP("factor", 20),
  PII_LEAK(null, 0),
  OFF_BRAND(null, 0),
  /** Only for {@code /v1/retrieve}: the index answers as if it were empty. */
  RETRIEVAL_OUTAGE(null, 0),
  /**
   * Parameter: how many documents {@code /v1/retrieve} returns whatever {@code top_k} asked (the
   * ranking repeated, as after a re-index that duplicated every chunk): prompts balloon, and so does cost.
   */
  RETRIEVAL_FLOOD("documents", 250);

  private final String paramName;
  private final long defaultParam;

  ChaosMode(String paramName, long defaultParam) {
    this.paramName = paramName;
    this.defaultParam = defaultParam;
  }

  /** The wire name, e.g. {@code error_503}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean takesParam() {
    return paramName != null;
  }

  /** Name of the parameter in the runtime JSON, or null when the mode takes none. */
  public String paramName() {
    return paramName;
  }

  public long defaultParam() {
    return defaultParam;
  }

  /** Whether the mode acts on {@code /v1/retrieve}; the others act on model calls (chat, embeddings). */
  boolean actsOnRetrieval() {
    return this == RETRIEVAL_OUTAGE || this == RETRIEVAL_FLOOD;
  }

  public static Optional<ChaosMode> fromWireName(String name) {
    return Arrays.stream(values()).filter(mode -> mode.wireName().equals(name)).findFirst();
  }

  static String knownNames() {
    return Arrays.stream(values()).map(ChaosMode::wireName).collect(Collectors.joining(", "));
  }
}
