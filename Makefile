# Thin wrappers over scripts/dev.py, which needs only Python 3.11 and pip.
PY ?= python3

.PHONY: demo test check eval bench lock

demo:  ## set up, then run the main job on the embedded defaults
	$(PY) scripts/dev.py demo

test check:  ## set up, then lint, types, import contracts, tests and the eval gate
	$(PY) scripts/dev.py test

eval:  ## slow evals with the embedded default model: JSON + HTML reports in out/eval/
	$(PY) scripts/dev.py eval

bench:  ## benchmarks (ratios against a peer measured in the same run)
	$(PY) scripts/dev.py bench

lock:  ## re-pin every dependency with hashes (needs the package index)
	cd requirements && ../.venv/bin/pip-compile -q --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras -o lock.txt main.in
	cd requirements && ../.venv/bin/pip-compile -q --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras -o dev-lock.txt dev.in
	cd requirements && ../.venv/bin/pip-compile -q --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras -o bench-lock.txt bench.in
