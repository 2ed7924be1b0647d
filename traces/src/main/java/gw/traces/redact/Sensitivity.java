package gw.traces.redact;

import java.util.Set;

/**
 * How much harm a value of a type does when it reaches someone who should not see it. Leak
 * detection judges by it: contact data quoted from a knowledge base is ordinary, a card number or a
 * key is not, whatever document it came from.
 */
public enum Sensitivity {
  /** Keys, tokens, secrets: never shown to a client, whatever their origin. */
  CREDENTIAL,
  /** Government ids, card numbers, bank accounts: a leak unless the caller supplied them. */
  HIGH_RISK,
  /** Email addresses, phone numbers, network addresses: normal in documents meant for users. */
  CONTACT;

  private static final Set<String> CONTACT_TYPES = Set.of("email", "phone", "ipv4", "ipv6");
  private static final Set<String> HIGH_RISK_TYPES = Set.of("ssn", "credit_card", "iban");

  /** The class of a placeholder type; a type this table does not know is treated as a credential. */
  public static Sensitivity of(String type) {
    if (CONTACT_TYPES.contains(type)) {
      return CONTACT;
    }
    return HIGH_RISK_TYPES.contains(type) ? HIGH_RISK : CREDENTIAL;
  }
}
