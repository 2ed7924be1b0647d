package gw.gateway.policy.limit;

/**
 * Why a request was not admitted: which per-minute limit, its value, how much of it is in use,
 * what the request asked for, and when enough will have refilled. {@code neverFits} means the
 * request alone is larger than the limit, so retrying cannot help.
 */
public record RateLimitDenial(Kind kind, long limit, long used, long requested, long retryAfterSeconds,
    boolean neverFits) {

  public enum Kind {
    RPM("requests per minute (RPM)", "rate_limit_rpm"),
    TPM("tokens per minute (TPM)", "rate_limit_tpm");

    private final String label;
    private final String code;

    Kind(String label, String code) {
      this.label = label;
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Worded like OpenAI's rate-limit errors, so clients and people recognise it. */
  public String message(String keyName) {
    if (neverFits) {
      return "Request too large for gw key '" + keyName + "' on " + kind.label + ": limit " + limit
          + ", requested " + requested + " (estimated: prompt plus max output tokens). It can never fit in this "
          + "key's per-minute limit: shorten the input or lower max_tokens, or raise the key's limit in budgets.json.";
    }
    String requestedPart = kind == Kind.TPM ? ", requested " + requested : "";
    return "Rate limit reached for gw key '" + keyName + "' on " + kind.label + ": limit " + limit + ", used " + used
        + requestedPart + ". Try again in " + retryAfterSeconds + "s.";
  }
}
