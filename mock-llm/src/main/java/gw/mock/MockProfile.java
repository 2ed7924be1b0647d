package gw.mock;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the mock answers. {@code standard}: each model's fixed pace and short extractive answers (the
 * default, what every test relies on). {@code realistic}: per-request pace and length drawn from
 * distributions like real providers', answers in markdown that echo the user's own details, and a
 * knowledge base that quotes the company's public contact data.
 */
public enum MockProfile {
  STANDARD, REALISTIC;

  /** Per-request choice of profile, overriding the server's. */
  public static final String HEADER = "x-mock-profile";

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The profile named {@code text} (case-insensitive); {@code what} names the source in the error. */
  public static MockProfile parse(String text, String what) {
    String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (MockProfile profile : values()) {
      if (profile.name().equals(name)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(what + " must be one of " + names() + ", got '" + text + "'");
  }

  static String names() {
    return Arrays.stream(values()).map(MockProfile::wireName).collect(Collectors.joining(", "));
  }
}
