package gw.traces.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserIdHasherTest {

  @Test
  void hashIsHexSha256OfSaltColonUserId() {
    // printf 'prod-salt:user-42' | sha256sum
    assertThat(new UserIdHasher("prod-salt").hash("user-42"))
        .isEqualTo("be691078636e2e923492b1eb4f5497740eab593181837587483d83196b20ab4d");
  }

  @Test
  void sameIdAndSaltGiveTheSameHash() {
    assertThat(new UserIdHasher("s").hash("user-42")).isEqualTo(new UserIdHasher("s").hash("user-42"));
  }

  @Test
  void differentSaltOrIdGivesADifferentHash() {
    String hash = new UserIdHasher("staging").hash("user-42");

    assertThat(new UserIdHasher("production").hash("user-42")).isNotEqualTo(hash);
    assertThat(new UserIdHasher("staging").hash("user-43")).isNotEqualTo(hash);
    assertThat(hash).doesNotContain("user-42").matches("[0-9a-f]{64}");
  }

  @Test
  void nullOrBlankUserHasNoHash() {
    UserIdHasher hasher = new UserIdHasher("s");

    assertThat(hasher.hash(null)).isNull();
    assertThat(hasher.hash("  ")).isNull();
  }

  @Test
  void saltIsRequired() {
    assertThatThrownBy(() -> new UserIdHasher(null)).hasMessageContaining("salt");
  }
}
