package gw.gateway.policy.leak;

import gw.traces.redact.Redactor;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Public values an answer may always contain (the company's support address and numbers) and
 * domains whose addresses are all public. Credentials are never public, whatever the list says.
 */
public final class Allowlist {
  public static final Allowlist NONE = new Allowlist(List.of(), List.of());

  private final Set<String> values = new HashSet<>();
  private final List<String> domains;

  /** {@code values}: emails, phone numbers, ids written any way; {@code domains}: e.g. {@code acme-shop.com}. */
  public Allowlist(List<String> values, List<String> domains) {
    values.forEach(value -> this.values.addAll(ValueKeys.ofAnySpelling(value)));
    this.domains = domains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
  }

  public boolean allows(Redactor.Match match) {
    if (values.contains(ValueKeys.of(match))) {
      return true;
    }
    if (!match.type().equals("email")) {
      return false;
    }
    String domain = match.value().substring(match.value().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return domains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith('.' + d));
  }
}
