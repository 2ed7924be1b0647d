package gw.gateway.policy.leak;

import gw.traces.redact.Redactor;
import java.util.Locale;

/**
 * The comparable form of a sensitive value, so an answer's "415 555 0132" is found as the request's
 * "(415) 555-0132": case folded, separators dropped; phone numbers by their last nine digits, which
 * a national and an international spelling of the same number share.
 */
final class ValueKeys {
  private static final int PHONE_DIGITS = 9;

  private ValueKeys() {}

  static String of(Redactor.Match match) {
    return of(match.type(), match.value());
  }

  static String of(String type, String value) {
    return switch (type) {
      case "email", "ipv4", "ipv6" -> type + ':' + value.trim().toLowerCase(Locale.ROOT);
      case "phone" -> phone(value);
      case "ssn", "credit_card", "iban" -> "id:" + alphanumeric(value);
      default -> type + ':' + value;
    };
  }

  /** The key of a phone number written any way, or null when it has too few digits to be one. */
  static String phone(String value) {
    String digits = value.replaceAll("\\D", "");
    if (digits.length() < 7) {
      return null;
    }
    return "phone:" + digits.substring(Math.max(0, digits.length() - PHONE_DIGITS));
  }

  private static String alphanumeric(String value) {
    return value.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
  }
}
