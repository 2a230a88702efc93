"""The stages every workflow passes through, one module per stage, and the runner.

In run order: :mod:`.ingest` (with :mod:`.document` and :mod:`.ocr`), :mod:`.normalize`,
:mod:`.screen`, :mod:`.extract` (the model; :mod:`.phi` applies each provider's data policy
inside the gateway's call), :mod:`.ground`, :mod:`.validate`, :mod:`.confidence`,
:mod:`.route`, :mod:`.persist`, :mod:`.audit`, :mod:`.fhir`. :mod:`.spec` says what a workflow
supplies; :mod:`.runner` composes the stages for a spec.
"""
