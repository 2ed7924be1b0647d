package gw.traces.redact;

import java.util.Locale;

/**
 * How much harm a value of a type does when it reaches someone who should not see it. Leak
 * detection judges by it: contact data quoted from a knowledge base is ordinary, a card number or a
 * key is not, whatever document it came from. Each pattern of the catalogue names its class; the
 * constants are listed from most to least severe.
 */
public enum Sensitivity {
  /** Keys, tokens, secrets: never shown to a client, whatever their origin. */
  CREDENTIAL,
  /** Government ids, card numbers, bank accounts: a leak unless the caller supplied them. */
  HIGH_RISK,
  /** Email addresses, phone numbers, network addresses: normal in documents meant for users. */
  CONTACT;

  /** The name used in the pattern catalogue, e.g. {@code high_risk}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The more severe of the two: a span that merges a key and an email is treated as a key. */
  Sensitivity mostSevere(Sensitivity other) {
    return ordinal() <= other.ordinal() ? this : other;
  }
}
