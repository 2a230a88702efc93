"""Cost of every attempt, from a price table versioned in the repository (``prices.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from clinllm.gateway.ports import Usage

__all__ = ["Price", "PriceTable"]


@dataclass(frozen=True, slots=True)
class Price:
    """USD per million input and output tokens."""

    input_per_mtok: float
    output_per_mtok: float


class PriceTable:
    """Looks up the price of a provider's model; unknown models cost 0 and are reported as such.

    Args:
        prices: ``"<kind>:<model>"`` (or ``"<kind>:*"``) to price.
        version: The price table's version string, recorded in reports.
    """

    def __init__(self, prices: dict[str, Price], *, version: str) -> None:
        self._prices = prices
        self.version = version

    @classmethod
    def bundled(cls) -> PriceTable:
        """Load the table shipped with the package."""
        raw = tomllib.loads(
            resources.files("clinllm.gateway").joinpath("prices.toml").read_text("utf-8")
        )
        prices = {
            key: Price(float(value["input"]), float(value["output"]))
            for key, value in raw["prices"].items()
        }
        return cls(prices, version=str(raw["version"]))

    def price(self, provider: str, model: str | None) -> Price | None:
        """The price of ``model`` at the provider ``provider`` (e.g. ``openai:gpt-4o-mini``)."""
        kind = provider.split(":", 1)[0]
        if (found := self._prices.get(provider)) is not None:
            return found
        if model is not None and (found := self._prices.get(f"{kind}:{model}")) is not None:
            return found
        return self._prices.get(f"{kind}:*")

    def cost(self, provider: str, model: str | None, usage: Usage) -> float:
        """USD for ``usage``; 0 when the model is not in the table."""
        price = self.price(provider, model)
        if price is None:
            return 0.0
        return (
            usage.input_tokens * price.input_per_mtok + usage.output_tokens * price.output_per_mtok
        ) / 1_000_000
