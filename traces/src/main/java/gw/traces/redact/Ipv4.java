package gw.traces.redact;

/**
 * Whether a dotted quad is a host's address. The unspecified address, loopback, broadcast and
 * addresses ending in .0 or .255 (a network or its broadcast) identify no one, and are what
 * version numbers such as 1.0.0.0 look like.
 */
final class Ipv4 {
  private Ipv4() {}

  static boolean isHostAddress(String candidate) {
    String[] octets = candidate.split("\\.");
    if (octets.length != 4) {
      return false;
    }
    int first = Integer.parseInt(octets[0]);
    int last = Integer.parseInt(octets[3]);
    return first != 0 && first != 127 && last != 0 && last != 255;
  }
}
