package gw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {
  @Test
  void findsWhatWasAddedByTheExactCredentialOnly() {
    Credentials<String> keys = new Credentials<String>().add("gw-key-alpha", "alpha").add("gw-key-beta", "beta");
    assertThat(keys.find("gw-key-alpha")).contains("alpha");
    assertThat(keys.find("gw-key-beta")).contains("beta");
    assertThat(keys.find("gw-key-alph")).isEmpty();
    assertThat(keys.find("GW-KEY-ALPHA")).isEmpty();
    assertThat(keys.find(null)).isEmpty();
  }
}
