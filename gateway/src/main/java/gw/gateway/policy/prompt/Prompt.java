package gw.gateway.policy.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One prompt of the registry: its immutable versions and three pointers — the {@code active}
 * version unpinned requests get, the {@code knownGood} one QUALITY_DEGRADATION rolls back to, and
 * an optional {@code canary} that takes a share of unpinned traffic. A change makes a new value.
 */
public record Prompt(String id, Map<String, Version> versions, String active, String knownGood, Canary canary) {
  public record Message(String role, String content) {}

  public record Version(List<Message> messages) {
    public Version {
      messages = List.copyOf(messages);
    }
  }

  /** {@code share} of unpinned requests (0..1) are served {@code version}. */
  public record Canary(String version, double share) {}

  public Prompt {
    versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    require(id, versions, active, "active");
    require(id, versions, knownGood, "known_good");
    if (canary != null) {
      require(id, versions, canary.version(), "canary.version");
      if (!(canary.share() >= 0 && canary.share() <= 1)) {
        throw new IllegalArgumentException("prompt " + id + ": canary.share must be between 0 and 1, got " + canary.share());
      }
    }
  }

  private static void require(String id, Map<String, Version> versions, String version, String field) {
    if (version == null || !versions.containsKey(version)) {
      throw new IllegalArgumentException("prompt " + id + ": " + field + " names version '" + version
          + "', which does not exist; versions are " + versions.keySet());
    }
  }

  public Prompt withVersion(String version, Version content) {
    if (versions.containsKey(version)) {
      throw new IllegalStateException("prompt " + id + " already has version " + version
          + "; versions never change once added, add a new one");
    }
    Map<String, Version> more = new LinkedHashMap<>(versions);
    more.put(version, content);
    return new Prompt(id, more, active, knownGood, canary);
  }

  public Prompt withPointers(String newActive, String newKnownGood, Canary newCanary) {
    return new Prompt(id, versions, newActive, newKnownGood, newCanary);
  }
}
