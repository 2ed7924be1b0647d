package gw.traces.redact;

/** The card-number checksum: it tells a card apart from any other long run of digits. */
final class Luhn {
  private Luhn() {}

  /** True for 13 to 19 digits (separators ignored) whose Luhn checksum is valid. */
  static boolean isCardNumber(String candidate) {
    int sum = 0;
    int digits = 0;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (digits % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      digits++;
    }
    return digits >= 13 && digits <= 19 && sum % 10 == 0;
  }
}
