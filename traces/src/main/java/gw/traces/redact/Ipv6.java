package gw.traces.redact;

/**
 * Whether a run of hex digits and colons is an IPv6 address: eight groups, or fewer with one
 * "::"; a dotted IPv4 tail (::ffff:192.0.2.1) counts as two groups. Requiring a digit keeps
 * words like "Abc::Def" out; requiring eight groups without "::" keeps clock times out.
 */
final class Ipv6 {
  private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
      "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private Ipv6() {}

  static boolean isAddress(String candidate) {
    if (ValueChecks.digitCount(candidate) == 0) {
      return false;
    }
    String hex = candidate;
    int extraGroups = 0;
    if (candidate.indexOf('.') >= 0) {
      int lastColon = candidate.lastIndexOf(':');
      if (!IPV4.matcher(candidate.substring(lastColon + 1)).matches()) {
        return false;
      }
      hex = candidate.substring(0, lastColon + 1) + "0";
      extraGroups = 1;
    }
    return hexGroupsFit(hex, extraGroups);
  }

  private static boolean hexGroupsFit(String hex, int extraGroups) {
    int gap = hex.indexOf("::");
    if (gap < 0) {
      return groups(hex) + extraGroups == 8;
    }
    if (hex.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    int left = gap == 0 ? 0 : groups(hex.substring(0, gap));
    int right = gap + 2 == hex.length() ? 0 : groups(hex.substring(gap + 2));
    return left >= 0 && right >= 0 && left + right + extraGroups <= 7;
  }

  /** Number of 1-4 hex digit groups separated by single colons, or -1 if malformed. */
  private static int groups(String part) {
    String[] groups = part.split(":", -1);
    for (String group : groups) {
      if (group.isEmpty() || group.length() > 4) {
        return -1;
      }
    }
    return groups.length;
  }
}
