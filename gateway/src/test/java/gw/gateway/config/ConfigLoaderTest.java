package gw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.traces.pg.StoreUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void bundledDefaultsLoadWithTheDemoCredentials() {
    GatewayConfig c = new ConfigLoader(ConfigSource.bundled(), Map.of()).load();
    assertThat(c.listen().port()).isEqualTo(8080);
    assertThat(c.listen().adminPort()).isEqualTo(8081);
    assertThat(c.listen().host()).isEqualTo("127.0.0.1");
    assertThat(c.usesDemoCredentials()).isTrue();
    assertThat(c.keys().get(0).tenant()).isEqualTo("demo");
    assertThat(c.keys().get(0).tier()).isEqualTo("pro");
  }

  @Test
  void theFleetComesFromTheEnvironmentAndABadRedisUrlIsRefusedWithoutEchoingIt() {
    GatewayConfig alone = new ConfigLoader(ConfigSource.bundled(), Map.of()).load();
    assertThat(alone.fleet().shared()).isFalse();
    GatewayConfig c = new ConfigLoader(ConfigSource.bundled(), Map.of("GW_REDIS_URL", "redis://:s3cret@10.0.0.5:6379/2",
        "GW_INSTANCE_ID", "gw-7")).load();
    assertThat(c.fleet().redisUrl()).isEqualTo("redis://:s3cret@10.0.0.5:6379/2");
    assertThat(c.fleet().instanceId()).isEqualTo("gw-7");
    assertThat(c.fleet().toString()).contains("redis://10.0.0.5:6379/2").doesNotContain("s3cret");
    assertThatThrownBy(() -> new ConfigLoader(ConfigSource.bundled(), Map.of("GW_REDIS_URL", "http://:s3cret@host:6379"))
        .load()).isInstanceOf(ConfigException.class).hasMessageContaining("GW_REDIS_URL")
        .hasMessageContaining("redis://[:password@]host:port").hasMessageNotContaining("s3cret");
  }

  @Test
  void providersRouteModelsByNameOrPrefixWithTheirOwnKeys() {
    GatewayConfig c = new ConfigLoader(ConfigSource.bundled().withEdits("gateway.json", Map.of("/providers",
        java.util.List.of(Map.of("name", "anthropic", "kind", "anthropic", "base_url", "https://api.anthropic.com/v1",
            "models", java.util.List.of("claude-*")),
            Map.of("name", "local", "base_url", "http://127.0.0.1:8000/v1", "api_key_env", "LOCAL_KEY",
                "responses_api", false, "timeout_ms", 5000, "models", java.util.List.of("qwen3", "llama-*"))))),
        Map.of("ANTHROPIC_API_KEY", "sk-ant-x", "LOCAL_KEY", "local-x", "OPENAI_API_KEY", "sk-x")).load();
    var routing = new gw.gateway.upstream.Providers(c.routing());
    assertThat(routing.forModel("claude-sonnet-4", gw.gateway.chain.Route.MESSAGES).name()).isEqualTo("anthropic");
    assertThat(routing.forModel("claude-sonnet-4", gw.gateway.chain.Route.MESSAGES).connection().apiKey()).isEqualTo("sk-ant-x");
    assertThat(routing.forModel("qwen3", gw.gateway.chain.Route.CHAT_COMPLETIONS).connection().timeoutMs()).isEqualTo(5000);
    assertThat(routing.forModel("qwen3-coder", gw.gateway.chain.Route.CHAT_COMPLETIONS).name()).as("exact, not a prefix")
        .isEqualTo(GatewayConfig.DEFAULT_PROVIDER);
    assertThat(routing.forModel("llama-3.1-8b", gw.gateway.chain.Route.RESPONSES).nativeResponses()).isFalse();
    assertThat(routing.forModel("gpt-4o", gw.gateway.chain.Route.CHAT_COMPLETIONS).connection().apiKey()).isEqualTo("sk-x");
    assertThatThrownBy(() -> routing.forModel("claude-sonnet-4", gw.gateway.chain.Route.EMBEDDINGS))
        .hasMessageContaining("has no /v1/embeddings API");
    assertThat(c.toString()).doesNotContain("sk-ant-x").doesNotContain("local-x");
  }

  @Test
  void aProviderThatCannotWorkStopsStartUpNamingTheField() {
    Map<String, String> problems = Map.of(
        "{\"name\": \"openai\", \"base_url\": \"http://h/v1\", \"models\": [\"x\"]}", "providers[0].name",
        "{\"name\": \"a\", \"kind\": \"gemini\", \"base_url\": \"http://h/v1\", \"models\": [\"x\"]}", "providers[0].kind",
        "{\"name\": \"a\", \"models\": [\"x\"]}", "providers[0].base_url",
        "{\"name\": \"a\", \"base_url\": \"http://h/v1\", \"models\": [\"cl*de\"]}", "providers[0].models",
        "{\"name\": \"a\", \"base_url\": \"http://h/v1\"}", "providers[0].models");
    problems.forEach((provider, field) -> assertThatThrownBy(() -> new ConfigLoader(ConfigSource.bundled()
        .withEdits("gateway.json", Map.of("/providers", java.util.List.of(gw.traces.json.Json.MAPPER.readValue(provider,
            Map.class)))), Map.of()).load()).as(provider).isInstanceOf(ConfigException.class).hasMessageContaining(field));
  }

  @Test
  void environmentOverridesTheFile() {
    GatewayConfig c = new ConfigLoader(ConfigSource.bundled(), Map.of(
        "GW_UPSTREAM", "https://api.openai.com/v1/", "GW_PORT", "9000", "OPENAI_API_KEY", "sk-x")).load();
    assertThat(c.upstream().baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(c.upstream().apiKey()).isEqualTo("sk-x");
    assertThat(c.listen().port()).isEqualTo(9000);
  }

  @Test
  void theStoreUrlComesFromTheEnvironmentWithItsPasswordApart() {
    assertThat(new ConfigLoader(ConfigSource.bundled(), Map.of()).load().storeUrl()).as("SQLite by default").isNull();

    GatewayConfig c = new ConfigLoader(ConfigSource.bundled(), Map.of(
        "GW_STORE_URL", "postgresql://gw@db:5433/gateway", "GW_STORE_PASSWORD", "s3cret")).load();

    assertThat(c.storeUrl()).isEqualTo(new StoreUrl("db", 5433, "gateway", "gw", "s3cret"));
    assertThat(c.toString()).doesNotContain("s3cret");
    assertThatThrownBy(() -> new ConfigLoader(ConfigSource.bundled(), Map.of("GW_STORE_URL", "mysql://gw:s3cret@db/x"))
        .load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GW_STORE_URL: store URL rejected: the scheme must be postgresql://")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void badValuesNameTheFileFieldAndFix() throws Exception {
    Files.writeString(dir.resolve("gateway.json"), "{\"keys\":[{\"key\":\"k\",\"tenant\":\"t\",\"tier\":\"gold\"}]}");
    assertThatThrownBy(() -> new ConfigLoader(new ConfigSource(dir), Map.of()).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.json")
        .hasMessageContaining("keys[0].tier")
        .hasMessageContaining("[enterprise, free, pro]");
  }

  @Test
  void upstreamMustBeAnOpenAiBaseUrl() {
    assertThatThrownBy(() -> ConfigLoader.validateBaseUrl("--upstream", "http://localhost:8090"))
        .hasMessageContaining("must end in /v1");
    assertThatThrownBy(() -> ConfigLoader.validateBaseUrl("--upstream", "ftp://x/v1")).hasMessageContaining("http(s)");
  }

  @Test
  void invalidJsonSaysSo() throws Exception {
    Files.writeString(dir.resolve("gateway.json"), "{ nope");
    assertThatThrownBy(() -> new ConfigLoader(new ConfigSource(dir), Map.of()).load())
        .hasMessageContaining("not valid JSON");
  }
}
