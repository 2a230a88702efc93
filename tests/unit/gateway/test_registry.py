"""Bad configuration fails with a clear message naming the setting."""

from pathlib import Path

import pytest
from pydantic import SecretStr

from clinllm.errors import ConfigError
from clinllm.gateway.config import LocalModelConfig, OpenAIConfig, ProvidersConfig
from clinllm.gateway.providers.local_models import LocalModelSpec, locate_model
from clinllm.gateway.registry import ProviderRegistry


def test_unknown_provider_kind_names_the_chain_setting() -> None:
    with pytest.raises(ConfigError, match="unknown provider kind 'bogus'") as info:
        ProviderRegistry(ProvidersConfig())("bogus:model")
    assert info.value.setting == "CLINLLM_DEFAULT_CHAIN"


def test_missing_api_key_names_the_key_setting() -> None:
    with pytest.raises(ConfigError, match="CLINLLM_OPENAI__API_KEY"):
        ProviderRegistry(ProvidersConfig())("openai:gpt-4o-mini")
    with pytest.raises(ConfigError, match="CLINLLM_ANTHROPIC__API_KEY"):
        ProviderRegistry(ProvidersConfig())("anthropic:claude-haiku-4-5")
    with pytest.raises(ConfigError, match="CLINLLM_AZURE__"):
        ProviderRegistry(ProvidersConfig())("azure:my-deployment")


def test_provider_without_model_is_rejected() -> None:
    with pytest.raises(ConfigError, match="needs a model"):
        ProviderRegistry(ProvidersConfig())("openai")


def test_openai_provider_is_built_with_sdk_retries_off() -> None:
    config = ProvidersConfig(openai=OpenAIConfig(api_key=SecretStr("test-key")))
    provider = ProviderRegistry(config)("openai:gpt-4o-mini")
    assert provider.name == "openai:gpt-4o-mini"
    assert provider._client.max_retries == 0  # type: ignore[attr-defined]
    assert provider.capabilities.json_schema
    assert not provider.data_policy.phi_allowed


def test_unknown_embedded_model_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="smollm2-135m"):
        ProviderRegistry(ProvidersConfig())("local:gpt-99")


def test_custom_model_with_wrong_hash_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF not really a model")
    config = ProvidersConfig(local=LocalModelConfig(model_path=model, model_sha256="0" * 64))
    with pytest.raises(ConfigError, match="CLINLLM_LOCAL__MODEL_SHA256") as info:
        ProviderRegistry(config)("local:custom")
    assert "corrupt or substituted" in str(info.value)


def test_chunked_model_with_a_corrupt_chunk_is_refused(tmp_path: Path) -> None:
    # Two real installed distributions stand in as "chunks": their join cannot match the pin.
    spec = LocalModelSpec(
        key="broken",
        title="broken",
        license="test",
        sha256="1" * 64,
        size=1,
        parts=(("pydantic", "pydantic/__init__.py"), ("pydantic", "pydantic/main.py")),
    )
    with pytest.raises(ConfigError, match="corrupt or substituted"):
        locate_model(spec, tmp_path, setting="CLINLLM_LOCAL__CACHE_DIR")
    assert list(tmp_path.iterdir()) == []  # no half-written file left behind


def test_missing_model_package_names_the_package() -> None:
    spec = LocalModelSpec(
        key="absent",
        title="absent",
        license="test",
        sha256="1" * 64,
        size=1,
        parts=(("clinllm-no-such-model-package", "x.gguf"),),
    )
    with pytest.raises(ConfigError, match="clinllm-no-such-model-package"):
        locate_model(spec, Path("/nonexistent"), setting="CLINLLM_LOCAL__CACHE_DIR")
