package gw.traces.redact;

import java.util.List;

/**
 * The built-in catalogue, most specific first: when two patterns claim the same span, the earlier
 * one names it (an Anthropic key is also shaped like an OpenAI key; a JWT after "Bearer" is
 * reported as a JWT). Whitespace inside a pattern is only ever a space or tab, never a line break;
 * {@link StreamRedactor} relies on that. In look-arounds a placeholder's brackets count like the
 * characters of the value they replaced ("]" behind, "[" ahead), so redacting redacted text
 * finds nothing new.
 */
final class DefaultPatterns {
  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

  private DefaultPatterns() {}

  static List<SensitivePattern> all() {
    return List.of(
        SensitivePattern.of("anthropic_key",
            "(?<![\\w\\]-])sk-ant-[A-Za-z0-9_-]{20,}", f -> f.contains("sk-ant-")),
        SensitivePattern.of("langfuse_key",
            "(?<![\\w\\]-])[ps]k-lf-[A-Za-z0-9_-]{16,}", f -> f.contains("k-lf-")),
        SensitivePattern.of("openai_key",
            "(?<![\\w\\]-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", f -> f.contains("sk-")),
        SensitivePattern.of("langsmith_key",
            "(?<![\\w\\]-])lsv2_(?:pt|sk)_[A-Za-z0-9_]{20,}", f -> f.contains("lsv2_")),
        SensitivePattern.of("github_token",
            "(?<![\\w\\]])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{40,255})(?![\\w\\[])",
            f -> f.contains("gh") && f.contains("_") || f.contains("github_pat_")),
        SensitivePattern.of("aws_access_key",
            "(?<![A-Za-z0-9\\]])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9\\[])",
            f -> f.contains("AKIA") || f.contains("ASIA")),
        SensitivePattern.of("aws_secret_key",
            "(?i:aws_secret_access_key|aws_secret_key|secret_access_key)[\"']?[ \\t]*[:=][ \\t]*[\"']?"
                + "(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=\\[])",
            f -> f.containsIgnoreCase("secret")),
        SensitivePattern.of("jwt",
            "(?<![\\w\\].-])eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}",
            f -> f.contains("eyJ")),
        SensitivePattern.of("bearer_token",
            "(?<![A-Za-z0-9_\\]])(?i:bearer)[ \\t]+(?<secret>[A-Za-z0-9_.~+/-]{16,}=*)",
            f -> f.digits > 0 && f.containsIgnoreCase("bearer"))
            .acceptingOnly(DefaultPatterns::containsDigit),
        SensitivePattern.of("email",
            "(?<![\\w\\].%+-])[A-Za-z0-9._%+-]++@(?:[A-Za-z0-9-]++\\.)+[A-Za-z]{2,}+(?![\\w\\[-])",
            f -> f.hasAt),
        SensitivePattern.ofDigits("credit_card",
            "(?<![\\w\\]-])(?:\\d{13,19}|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}|\\d{4}([ -])\\d{6}\\2\\d{4,5})"
                + "(?![\\w\\[]|-[\\d\\[])",
            13)
            .acceptingOnly(Luhn::isCardNumber),
        // Letter groups ("GB82 WEST 1234 ...") split digit windows, so the whole text is scanned.
        SensitivePattern.of("iban",
            "(?<![\\w\\]-])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![\\w\\[])", f -> f.digits >= 6)
            .acceptingOnly(Iban::isIban),
        SensitivePattern.ofDigits("ssn",
            "(?<![\\w\\]-])\\d{3}-\\d{2}-\\d{4}(?![\\w\\[]|-[\\d\\[])", 9),
        SensitivePattern.ofDigits("phone",
            "(?<![\\w\\]+])\\+[1-9]\\d{0,2}+(?:[ .-]?\\(?\\d{1,4}+\\)?){1,6}(?![\\w\\[]|[.-][\\d\\[])", 8)
            .alsoRequiring(f -> f.contains("+"))
            .acceptingOnly(value -> between(digitCount(value), 8, 15)),
        SensitivePattern.ofDigits("phone",
            "(?<![\\w\\]+.-])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)[ .-]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\w\\[]|[.-][\\d\\[])",
            10),
        SensitivePattern.ofDigits("ipv4",
            "(?<![\\w\\].])(?:" + OCTET + "\\.){3}" + OCTET + "(?![\\w\\[]|\\.[\\d\\[])", 4),
        SensitivePattern.of("ipv6",
            "(?<![\\w\\]:.])[0-9A-Fa-f:]{2,39}+(?:\\.\\d{1,3}){0,3}(?![\\w\\[:])", f -> f.digits > 0 && (f.colons >= 7 || f.contains("::")))
            .acceptingOnly(Ipv6::isAddress));
  }

  static boolean containsDigit(String value) {
    return digitCount(value) > 0;
  }

  static int digitCount(String value) {
    int digits = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    return digits;
  }

  private static boolean between(int value, int min, int max) {
    return value >= min && value <= max;
  }
}
