"""Testing helpers shipped with clinllm, so users can test their own workflows and integrations.

- :mod:`clinllm.testing.fakes`: a fake of every model-side port (``FakeStructuredModel``,
  ``FakePhiGuard``, ``FakeInjectionScreen``, ``FakeCodeLookup``, ``InMemoryJobQueue``).
- :mod:`clinllm.testing.memory`: in-memory fakes of the persistence ports
  (``InMemoryRecordStore``, ``InMemoryReviewQueue``, ``InMemoryAuditLog``).
- :class:`clinllm.testing.fault_server.FaultServer`: an OpenAI-compatible HTTP server on
  loopback that answers with scripted faults (429 + Retry-After, 5xx, hangs, connection resets,
  malformed JSON, schema-violating content).
- :class:`clinllm.gateway.providers.fake.FakeChatModel`: a scripted provider with no HTTP.
- :mod:`clinllm.testing.phi`: ``covered`` / ``touched``, what PHI detection found in a text.
- :mod:`clinllm.testing.corpora`: ``word_runs`` / ``input_texts``, to check that the tuning and
  held-out sides of an evaluation corpus share no run of words.
- :class:`clinllm.testing.tracing.RecordingTracer`: records the spans a runner or a gateway
  opens (the ``RunTracer`` port), without OpenTelemetry.
"""
