package gw.traces.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreUrlTest {
  @Test
  void readsEveryPartAndDescribesItWithoutThePassword() {
    StoreUrl url = StoreUrl.parse("postgresql://gw:p%40ss%3Aw0rd@db.internal:6543/gateway", null);

    assertThat(url).isEqualTo(new StoreUrl("db.internal", 6543, "gateway", "gw", "p@ss:w0rd"));
    assertThat(url.describe()).isEqualTo("postgresql://gw@db.internal:6543/gateway");
    assertThat(url.toString()).isEqualTo(url.describe());
    assertThat(url.details()).isEqualTo("host db.internal, port 6543, database gateway, user gw");
  }

  @Test
  void takesThePasswordFromTheFallbackOnlyWhenTheUrlHasNone() {
    assertThat(StoreUrl.parse("postgres://gw@127.0.0.1/gw", "from-env"))
        .isEqualTo(new StoreUrl("127.0.0.1", 5432, "gw", "gw", "from-env"));
    assertThat(StoreUrl.parse("postgresql://gw:in-url@127.0.0.1/gw", "from-env").password()).isEqualTo("in-url");
    assertThat(StoreUrl.parse("postgresql://gw@127.0.0.1/gw", null).password()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mysql://gw:s3cret@host/db | the scheme must be postgresql://",
      "postgresql://gw:s3cret@/db | it names no host",
      "postgresql://gw:s3cret@host | it names no database",
      "postgresql://:s3cret@host/db | it names no user",
      "postgresql://host/db | it names no user",
      "postgresql://gw:s3cret@host/db?sslmode=require | options after ? are not supported",
      "postgresql://gw:s3cret%zz@host/db | it is not a valid URL",
      "postgresql://gw:s3cret@host:port/db | it names no host",
      "postgresql://gw:s3 cret@host/db | it is not a valid URL"})
  void aBadUrlIsRejectedSayingWhyWithoutQuotingIt(String url, String why) {
    assertThatThrownBy(() -> StoreUrl.parse(url, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why)
        .hasMessageContaining("postgresql://user:password@host:port/database")
        .hasMessageNotContaining("s3cret");
  }
}
