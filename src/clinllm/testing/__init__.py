"""Testing helpers shipped with clinllm, so users can test their own integrations.

- :class:`clinllm.testing.fault_server.FaultServer`: an OpenAI-compatible HTTP server on
  loopback that answers with scripted faults (429 + Retry-After, 5xx, hangs, connection resets,
  malformed JSON, schema-violating content).
- :class:`clinllm.gateway.providers.fake.FakeChatModel`: a scripted provider with no HTTP.
"""
