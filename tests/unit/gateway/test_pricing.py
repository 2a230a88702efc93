from clinllm.gateway.ports import Usage
from clinllm.gateway.pricing import PriceTable


def test_bundled_table_prices_known_models_and_local_is_free() -> None:
    table = PriceTable.bundled()
    assert table.version
    cost = table.cost("openai:gpt-4o-mini", "gpt-4o-mini-2024-07-18", Usage(1_000_000, 1_000_000))
    assert cost == 0.15 + 0.60
    assert table.cost("local:qwen2.5-coder-1.5b", "x", Usage(5000, 5000)) == 0.0


def test_unknown_model_costs_nothing_rather_than_guessing() -> None:
    assert PriceTable.bundled().cost("vllm:my-model", None, Usage(10, 10)) == 0.0
