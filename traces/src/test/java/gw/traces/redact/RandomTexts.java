package gw.traces.redact;

import java.util.List;
import java.util.SplittableRandom;

/** Texts stitched from fragments of secrets, numbers and separators, to probe pattern edges. */
final class RandomTexts {
  private static final List<String> FRAGMENTS = List.of(
      " ", " ", "  ", "\n", "\t", "-", ".", ":", "::", "(", ")", "+", "=", "@", "/", "_", "'", "\"", ",",
      "1", "12", "555", "123", "4567", "4111", "1111", "2024", "192", "168", "0", "255", "256", "45", "6789",
      "a", "fe80", "db8", "sk-", "sk-proj-", "sk-ant-", "pk-lf-", "lsv2_pt_", "ghp_", "AKIA", "eyJ",
      "Bearer", "bearer", "aws_secret_access_key", "example.com", "jane.doe", "mail",
      "AbCdEfGhIjKlMnOpQrSt", "0123456789abcdef", "IOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "4111 1111 1111 1111", "555-123-4567", "+44 20 7946 0958", "123-45-6789", "10.0.0.1", "2001:db8::1",
      "jane@example.com", "ORD-2024-118734", "2025-03-14", "12:30:45", "v2.1", "refund", "order",
      "xoxb-", "glpat-", "AIza", "sk_live_", "hf_", "SK", "Q~", "password=", "secret: ", "api_key", "Basic ",
      "://u:", "@db", "%40", "+", "=jane", "dXNlcjpwYXNz", "aGVsbG8gam9obkBleGFtcGxlLmNvbQ==", "Ł",
      "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "\\n", "GB82 WEST ", "Xy7kQ2pLm9Rt");

  private final SplittableRandom random;

  RandomTexts(long seed) {
    random = new SplittableRandom(seed);
  }

  String next() {
    StringBuilder text = new StringBuilder();
    int parts = 3 + random.nextInt(40);
    for (int i = 0; i < parts; i++) {
      text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
    }
    return text.toString();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
