from __future__ import annotations

from clinllm.phi import detect


def test_pid_segment_fields_are_typed_and_whole() -> None:
    text = (
        "MSH|^~\\&|LAB|HOSP\n"
        "PID|1||A99120377^^^HOSP||QUIXTAR^ZEBULON^B||19611203|M|||"
        "12 ELM ST^^DOVER^DE^19901||(555)010-4471\n"
    )
    found = [(f.text, f.type) for f in detect(text)]
    assert ("A99120377", "MRN") in found
    assert ("QUIXTAR^ZEBULON^B", "NAME") in found
    assert ("19611203", "DATE") in found
    assert ("12 ELM ST^^DOVER^DE^19901", "ADDRESS") in found
    assert ("(555)010-4471", "PHONE") in found
    assert not any("HOSP" in value for value, _ in found)
