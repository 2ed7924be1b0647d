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

  @Test
  void sameComparesSecretsWholeAndNeverMatchesNull() {
    assertThat(Credentials.same("replay-123", "replay-123")).isTrue();
    assertThat(Credentials.same("replay-124", "replay-123")).isFalse();
    assertThat(Credentials.same("replay-12", "replay-123")).isFalse();
    assertThat(Credentials.same(null, "replay-123")).isFalse();
    assertThat(Credentials.same("replay-123", null)).isFalse();
  }
}
