package gw.gateway.policy.limit;

import static gw.gateway.testing.FakeExchanges.chat;
import static gw.gateway.testing.FakeExchanges.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import gw.gateway.chain.Identity;
import gw.gateway.chain.Route;
import gw.gateway.config.BudgetsConfig.RequestCaps;
import org.junit.jupiter.api.Test;

class RequestEstimatorTest {
  private static final Identity DEMO = new Identity("demo", "demo", "default", "pro");
  private final RequestEstimator estimator = new RequestEstimator(new RequestCaps(1000, 500, 100));

  @Test
  void promptIsCharactersOverThreeRoundedUpPlusFourPerMessage() {
    // 10 + 5 characters of text, one of them in content parts
    Exchange ex = chat(DEMO, """
        {"model":"m","messages":[{"role":"system","content":"0123456789"},
         {"role":"user","content":[{"type":"text","text":"abcde"}]}]}""");
    assertThat(estimator.estimate(ex).promptTokens()).isEqualTo(5 + 2 * 4);
  }

  @Test
  void outputIsMaxCompletionTokensThenMaxTokensThenTheDefault() {
    assertThat(estimator.estimate(chat(DEMO, "{\"max_completion_tokens\":40,\"max_tokens\":90}")).outputTokens())
        .isEqualTo(40);
    assertThat(estimator.estimate(chat(DEMO, "{\"max_tokens\":90}")).outputTokens()).isEqualTo(90);
    assertThat(estimator.estimate(chat(DEMO, "{\"messages\":[]}")).outputTokens()).isEqualTo(100);
  }

  @Test
  void severalChoicesMultiplyTheOutput() {
    assertThat(estimator.estimate(chat(DEMO, "{\"max_tokens\":90,\"n\":3}")).outputTokens()).isEqualTo(270);
  }

  @Test
  void embeddingsCountTheirInputAsPromptAndHaveNoOutput() {
    RequestEstimator.Estimate one = estimator.estimate(exchange(Route.EMBEDDINGS, DEMO, "{\"input\":\"abcdefg\"}"));
    assertThat(one.promptTokens()).isEqualTo(3);
    assertThat(one.outputTokens()).isZero();
    RequestEstimator.Estimate many =
        estimator.estimate(exchange(Route.EMBEDDINGS, DEMO, "{\"input\":[\"abc\",\"abcdef\",[1,2,3,4]]}"));
    assertThat(many.promptTokens()).isEqualTo(3 + 4);
    assertThat(estimator.estimate(exchange(Route.EMBEDDINGS, DEMO, "{\"input\":[5,6,7]}")).promptTokens()).isEqualTo(3);
  }

  @Test
  void maxTokensOverTheCapIsABadRequestThatSaysHowToFixIt() {
    Exchange ex = chat(DEMO, "{\"max_completion_tokens\":501}");
    GatewayFailure f = estimator.overCap(ex, estimator.estimate(ex));
    assertThat(f.status()).isEqualTo(400);
    assertThat(f.type()).isEqualTo("invalid_request_error");
    assertThat(f.code()).isEqualTo("request_token_cap");
    assertThat(f.param()).isEqualTo("max_completion_tokens");
    assertThat(f.getMessage()).contains("501").contains("500").contains("request_caps.max_output_tokens")
        .contains("Send max_completion_tokens <= 500");
    assertThat(ex.actions()).containsExactly(RequestEstimator.CAP_ACTION);
  }

  @Test
  void defaultOutputIsNotHeldAgainstTheCap() {
    RequestEstimator small = new RequestEstimator(new RequestCaps(1000, 50, 50));
    Exchange ex = chat(DEMO, "{\"n\":4}");
    assertThat(small.overCap(ex, small.estimate(ex))).isNull();
  }

  @Test
  void promptOverTheInputCapIsABadRequest() {
    Exchange ex = chat(DEMO, "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(3000) + "\"}]}");
    GatewayFailure f = estimator.overCap(ex, estimator.estimate(ex));
    assertThat(f.code()).isEqualTo("request_token_cap");
    assertThat(f.param()).isEqualTo("messages");
    assertThat(f.getMessage()).contains("1004 tokens").contains("request_caps.max_input_tokens").contains("1000");
  }

  @Test
  void requestsWithinTheCapsPass() {
    Exchange ex = chat(DEMO, "{\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(estimator.overCap(ex, estimator.estimate(ex))).isNull();
    assertThat(ex.actions()).isEmpty();
  }
}
