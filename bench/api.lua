-- One small non-streaming request, its body from BENCH_BODY (bench/apis picks the API and model);
-- chat.lua's headers and its RESULT line, so both benches report alike.
dofile("bench/chat.lua")
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.body = os.getenv("BENCH_BODY")
