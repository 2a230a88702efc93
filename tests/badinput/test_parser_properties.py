"""Property tests of the parsers hostile input reaches first: dates, codes, NPI, datasets, settings.

Each parser must either return a well-formed value or raise its documented error, whatever text
it is given; and an error must never quote the input (a planted sentinel never shows up).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinllm.codes import cpt, hcpcs, icd10cm, npi
from clinllm.domain.dates import find_dates, parse_date, read_date
from clinllm.domain.text_input import check_text
from clinllm.errors import ConfigError, InputError
from clinllm.evals.datasets import TriageCase, load_jsonl
from clinllm.settings import Settings, load_settings

SENTINEL = "Zebulon Quixfeather"
#: Text with every kind of character hostile input brings: controls, format characters,
#: surrogates excluded (a ``str`` from a file cannot hold them), digits of other scripts.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
DATE_LIKE = st.from_regex(
    r"\A[0-3]?\d[/.\- ][0-3]?\d([/.\- ](\d\d|\d{4}))?\Z|\A\d{4}-\d\d-\d\d\Z"
    r"|\A[A-Za-z]{3,9}\.? [0-3]?\d(st|nd|rd|th)?,? \d{4}\Z",
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.one_of(ANY_TEXT, DATE_LIKE))
def test_a_date_is_a_real_date_or_none(text: str) -> None:
    parsed = parse_date(text, default_year=2026)
    assert parsed is None or isinstance(parsed, dt.date)
    written = read_date(text, default_year=2026)
    assert (written is None) == (parsed is None)


@FAST
@given(ANY_TEXT, DATE_LIKE, ANY_TEXT)
def test_dates_found_in_text_point_at_their_text(before: str, date: str, after: str) -> None:
    text = f"{before} {date} {after}"
    for found in find_dates(text):
        assert 0 <= found.start < found.end <= len(text)
        assert isinstance(found.value, dt.date)


@FAST
@given(st.integers(min_value=0, max_value=999_999_999))
def test_an_npi_with_its_check_digit_is_valid_and_one_other_digit_is_not(number: int) -> None:
    first = f"1{number:09d}"[:9]
    digit = npi.check_digit(first)
    assert npi.is_valid(first + str(digit))
    assert not npi.is_valid(first + str((digit + 1) % 10))
    assert npi.is_valid(f"{first[:3]}-{first[3:6]} {first[6:]}{digit}")  # separators dropped


@FAST
@given(ANY_TEXT)
def test_npi_and_code_parsers_return_a_normal_form_or_none(text: str) -> None:
    assert npi.is_valid(text) in (True, False)
    normal = npi.normalize(text)
    assert normal is None or (len(normal) == 10 and normal.isascii() and normal.isdigit())
    for module in (cpt, hcpcs):
        code = module.normalize(text)
        assert code is None or (len(code) == 5 and code.isascii() and code.isalnum())
    icd = icd10cm.normalize(text)
    assert icd is None or (icd[0].isalpha() and icd.isascii() and len(icd) <= 8)


@FAST
@given(st.sampled_from(["M54.16", "E11.9", "I10", "J44.1", "Z79.4"]))
def test_icd10_normal_form_is_stable(code: str) -> None:
    assert icd10cm.normalize(code) == code
    assert icd10cm.normalize(code.replace(".", "").lower()) == code


@FAST
@given(st.text(max_size=300), st.integers(min_value=1, max_value=400))
def test_check_text_accepts_or_refuses_with_a_count_never_the_text(body: str, limit: int) -> None:
    text = SENTINEL + body
    refused: InputError | None = None
    try:
        check_text(text, max_chars=limit)
    except InputError as exc:
        refused = exc
    bad = len(text) > limit or "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    assert (refused is not None) == bad
    assert SENTINEL not in str(refused)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
LINE = st.one_of(
    JSON_VALUE.map(json.dumps),
    st.fixed_dictionaries(
        {
            "id": ANY_TEXT,
            "input": st.fixed_dictionaries({"message": ANY_TEXT}),
            "expected": JSON_VALUE,
        }
    ).map(json.dumps),
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(LINE, max_size=6), st.binary(max_size=40))
def test_the_dataset_reader_returns_cases_or_an_input_error_naming_a_line(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], tail: bytes
) -> None:
    path = tmp_path_factory.mktemp("ds") / "triage.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass") + tail)
    try:
        cases = load_jsonl(path, TriageCase)
    except InputError as exc:
        message = str(exc)
        assert message.startswith("triage.jsonl")
        assert SENTINEL not in message
    else:
        assert all(isinstance(c, TriageCase) for c in cases)


SETTING_NAMES = st.sampled_from(
    [
        "CLINLLM_DEADLINE_S",
        "CLINLLM_MAX_ATTEMPTS",
        "CLINLLM_LIMITS__MAX_FILE_BYTES",
        "CLINLLM_LIMITS__MAX_PAGES",
        "CLINLLM_LIMITS__MAX_MESSAGE_CHARS",
        "CLINLLM_TRIAGE_DRAFTS",
        "CLINLLM_POLICY__TOP_K",
        "CLINLLM_LOCAL__N_THREADS",
        "CLINLLM_BREAKER__FAILURE_THRESHOLD",
    ]
)
ENV_VALUE = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "0", "-1", "true", "", " ", "{}", "[]"]),
)


@settings(max_examples=200, deadline=None)
@given(SETTING_NAMES, ENV_VALUE, st.booleans())
def test_settings_load_or_raise_a_config_error_naming_the_setting_not_the_value(
    name: str, value: str, plant: bool
) -> None:
    mark = f"{value}{SENTINEL}" if plant else value
    with pytest.MonkeyPatch.context() as env:
        env.setenv(name, mark)
        loaded: Settings | None = None
        refused: ConfigError | None = None
        try:
            loaded = load_settings()
        except ConfigError as exc:
            refused = exc
    if refused is not None:
        assert str(refused).startswith("invalid setting CLINLLM_")
        assert SENTINEL not in str(refused)
    else:
        assert loaded is not None
        assert loaded.limits.max_file_bytes >= 1
        assert loaded.limits.max_pages >= 1
        assert loaded.deadline_s > 0


def test_dataset_reader_refuses_special_files_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "triage.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        load_jsonl(fifo, TriageCase)
