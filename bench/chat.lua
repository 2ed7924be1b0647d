-- One small non-streaming chat completion, the same for every target.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer gw-demo-key"
wrk.body = '{"model":"mock-fast","messages":[{"role":"system","content":"Answer from the context.\\n[source: kb/refunds.md] Refunds are accepted within 30 days of purchase."},{"role":"user","content":"How long do I have for a refund?"}]}'

-- Count non-2xx answers so a broken target cannot look fast.
local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50=%.3f p90=%.3f p99=%.3f non2xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + errors))
end
