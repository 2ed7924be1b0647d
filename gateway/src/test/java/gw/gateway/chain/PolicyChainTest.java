package gw.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyChainTest {
  private final List<String> calls = new ArrayList<>();

  private Policy recording(String name) {
    return new Policy() {
      @Override
      public Future<Void> onRequest(Exchange ex) {
        calls.add("req:" + name);
        return DONE;
      }

      @Override
      public Future<Void> onResponse(Exchange ex) {
        calls.add("resp:" + name);
        return DONE;
      }

      @Override
      public Buffer onChunk(Exchange ex, Buffer chunk) {
        return Buffer.buffer(chunk.toString() + name);
      }
    };
  }

  private static Exchange exchange() {
    return new Exchange("t", Route.CHAT_COMPLETIONS, MultiMap.caseInsensitiveMultiMap(), Instant.now(), 1);
  }

  @Test
  void requestsRunForwardAndResponsesAndChunksBackward() {
    PolicyChain chain = new PolicyChain(List.of(recording("a"), recording("b")));
    Exchange ex = exchange();
    assertThat(chain.request(ex).succeeded()).isTrue();
    assertThat(chain.response(ex).succeeded()).isTrue();
    assertThat(calls).containsExactly("req:a", "req:b", "resp:b", "resp:a");
    assertThat(chain.chunk(ex, Buffer.buffer(">")).toString()).isEqualTo(">ba");
  }

  @Test
  void aFailingPolicyShortCircuitsTheRest() {
    Policy failing = new Policy() {
      @Override
      public Future<Void> onRequest(Exchange ex) {
        return Future.failedFuture(GatewayFailure.unauthorized("no"));
      }
    };
    PolicyChain chain = new PolicyChain(List.of(recording("a"), failing, recording("c")));
    Future<Void> result = chain.request(exchange());
    assertThat(result.failed()).isTrue();
    assertThat(((GatewayFailure) result.cause()).status()).isEqualTo(401);
    assertThat(calls).containsExactly("req:a");
  }

  @Test
  void asynchronousPoliciesAreAwaitedInOrder() {
    Promise<Void> gate = Promise.promise();
    Policy slow = new Policy() {
      @Override
      public Future<Void> onRequest(Exchange ex) {
        calls.add("req:slow");
        return gate.future();
      }
    };
    PolicyChain chain = new PolicyChain(List.of(slow, recording("after")));
    Future<Void> result = chain.request(exchange());
    assertThat(result.isComplete()).isFalse();
    assertThat(calls).containsExactly("req:slow");
    gate.complete();
    assertThat(result.succeeded()).isTrue();
    assertThat(calls).containsExactly("req:slow", "req:after");
  }
}
