#!/usr/bin/env python3
"""Write each corpus case's expected.json by running the reference tool on it.

    TELEMETRY_NODE_MODULES=/path/to/node_modules python tests/catalog/extract/generate.py [CASE...]

node_modules must hold @vscode/telemetry-extractor (1.20.5); node >= 20 on PATH.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_corpus import EXPECTED, REFERENCE, all_cases, load_case, run_reference


def _version(node_modules: Path) -> str:
    package = node_modules / "@vscode" / "telemetry-extractor" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def main(argv: list[str]) -> int:
    folder = os.environ.get("TELEMETRY_NODE_MODULES")
    if not folder:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    node_modules = Path(folder)
    cases = [load_case(name) for name in argv] if argv else all_cases()
    version = _version(node_modules)

    def generate(case):
        result = run_reference(case, node_modules)
        result = {key: value for key, value in result.items() if key != "text"}  # the catalog's
        record = {"reference": f"{REFERENCE} {version}", **result}
        text = json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        (case.folder / EXPECTED).write_text(text, encoding="utf-8")
        return case.name, result["exitCode"]

    with ThreadPoolExecutor(max_workers=2) as pool:
        for name, code in pool.map(generate, cases):
            print(f"{name}: reference exit {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
