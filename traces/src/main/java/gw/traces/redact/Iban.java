package gw.traces.redact;

/** The IBAN checksum (ISO 13616, mod 97): it tells a bank account apart from any code of the same shape. */
final class Iban {
  private Iban() {}

  /** True for 15 to 34 letters and digits (spaces ignored) whose rearranged number is 1 mod 97. */
  static boolean isIban(String candidate) {
    String s = candidate.replace(" ", "");
    if (s.length() < 15 || s.length() > 34) {
      return false;
    }
    String rearranged = s.substring(4) + s.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      int v = Character.digit(rearranged.charAt(i), 36);
      if (v < 0) {
        return false;
      }
      remainder = v < 10 ? (remainder * 10 + v) % 97 : (remainder * 100 + v) % 97;
    }
    return remainder == 1;
  }
}
