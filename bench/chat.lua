-- One small non-streaming chat completion, the same for every target.
-- PORTKEY_CUSTOM_HOST=http://127.0.0.1:<port>/v1 in the environment adds the two headers that
-- route a request through Portkey to that OpenAI-compatible upstream (bench/peers/portkey).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer gw-demo-key"
local portkey_host = os.getenv("PORTKEY_CUSTOM_HOST")
if portkey_host and portkey_host ~= "" then
  wrk.headers["x-portkey-provider"] = "openai"
  wrk.headers["x-portkey-custom-host"] = portkey_host
end
wrk.body = '{"model":"mock-fast","messages":[{"role":"system","content":"Answer from the context.\\n[source: kb/refunds.md] Refunds are accepted within 30 days of purchase."},{"role":"user","content":"How long do I have for a refund?"}]}'

-- So a broken target cannot look fast: non2xx is wrk's own count of answers with status > 399
-- (every target answers 200 when healthy); errors counts connect/read/write errors and timeouts.
-- (No response() callback: it would make wrk parse every body, and a counter kept in it stays in
-- its thread's Lua state, never reaching done().)
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.0f p50=%.3f p90=%.3f p99=%.3f non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
