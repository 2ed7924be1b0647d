package gw.traces.redact;

/** Card numbers: the Luhn checksum and the issuer's first digit tell a card apart from any other long run of digits. */
final class Luhn {
  private Luhn() {}

  /**
   * True for 13 to 19 digits (separators ignored) whose Luhn checksum is valid and whose first
   * digit is an issuer's: 2 to 6 (Mastercard, Amex, JCB, Diners, Visa, Discover, UnionPay, Maestro).
   * Long numeric ids such as 18-digit message ids start with 1 and are left alone.
   */
  static boolean isCardNumber(String candidate) {
    int sum = 0;
    int digits = 0;
    char first = 0;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      first = c;
      int d = c - '0';
      if (digits % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      digits++;
    }
    return digits >= 13 && digits <= 19 && sum % 10 == 0 && first >= '2' && first <= '6';
  }
}
