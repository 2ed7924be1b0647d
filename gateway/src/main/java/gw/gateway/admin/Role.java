package gw.gateway.admin;

import java.util.Locale;

/**
 * Admin roles, each including the ones below it: a viewer reads (traces, breakers, audit, costs),
 * an operator also acts on incidents (breaker modes, chaos, replay), a maintainer also changes
 * what the gateway is (config, budgets, prompts).
 */
public enum Role {
  VIEWER, OPERATOR, MAINTAINER;

  public boolean allows(Role needed) {
    return compareTo(needed) >= 0;
  }

  public static Role of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
