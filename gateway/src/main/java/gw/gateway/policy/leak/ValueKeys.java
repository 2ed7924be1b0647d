package gw.gateway.policy.leak;

import gw.traces.redact.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparable form of a sensitive value, so an answer's "415 555 0132" is found as the request's
 * "(415) 555-0132": case folded, separators dropped; phone numbers by their last nine digits, which
 * a national and an international spelling of the same number share.
 */
final class ValueKeys {
  private static final int PHONE_DIGITS = 9;
  /** Any run of digits with the separators people type, e.g. a phone number written "3125550147". */
  private static final Pattern LOOSE_NUMBER = Pattern.compile("\\+?\\d[\\d ().-]{5,}\\d");

  private ValueKeys() {}

  static String of(Redactor.Match match) {
    return of(match.type(), match.value());
  }

  static String of(String type, String value) {
    return switch (type) {
      case "email", "ipv4", "ipv6" -> type + ':' + value.trim().toLowerCase(Locale.ROOT);
      case "phone" -> phone(value);
      case "ssn", "credit_card", "iban" -> id(value);
      default -> type + ':' + value;
    };
  }

  /**
   * The keys a value written without a type may match: an address by its address; anything else as
   * a phone number and as an id (a listed support number, a listed account), whichever it turns out to be.
   */
  static List<String> ofAnySpelling(String value) {
    if (value.contains("@")) {
      return List.of(of("email", value));
    }
    List<String> keys = new ArrayList<>(List.of(id(value)));
    String phone = phone(value);
    if (phone != null) {
      keys.add(phone);
    }
    return keys;
  }

  /** The key of a phone number written any way, or null when it has too few digits to be one. */
  static String phone(String value) {
    String digits = value.replaceAll("\\D", "");
    if (digits.length() < 7) {
      return null;
    }
    return "phone:" + digits.substring(Math.max(0, digits.length() - PHONE_DIGITS));
  }

  /**
   * Keys of every number in the text as a phone or an id, whether or not a redaction pattern
   * recognises its spelling: a user's "3125550147" is not redacted as a phone, yet an answer's
   * "312-555-0147" repeats it.
   */
  static void addLooseNumbers(String text, Set<String> keys) {
    Matcher m = LOOSE_NUMBER.matcher(text);
    while (m.find()) {
      keys.addAll(ofAnySpelling(m.group()));
    }
  }

  /** Government ids, cards and accounts: their letters and digits, whatever the separators. */
  private static String id(String value) {
    return "id:" + alphanumeric(value);
  }

  private static String alphanumeric(String value) {
    return value.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
  }
}
