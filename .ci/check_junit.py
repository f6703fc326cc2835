#!/usr/bin/env python3
"""Parse a JUnit XML report with junitparser and print what it holds, as JSON.

Used by tests/report_validators.rs: the Rust test compares the printed suites and cases with
obligo's JSON report of the same run. This script only checks that the file parses and that
each suite's counts agree with its test cases; it exits 1 with a message when they do not.

    python .ci/check_junit.py report.xml
"""

import json
import sys

from junitparser import JUnitXml


def main(path: str) -> int:
    xml = JUnitXml.fromfile(path)
    problems = []
    suites = []
    for suite in xml:
        cases = []
        for case in suite:
            results = list(case.result)
            # junitparser's result classes: Failure, Error, Skipped.
            kinds = [type(r).__name__.lower() for r in results]
            outcome = kinds[0] if kinds else "passed"
            result = results[0] if results else None
            cases.append(
                {
                    "classname": case.classname,
                    "name": case.name,
                    "outcome": outcome,
                    "type": result.type if result is not None else None,
                    "message": result.message if result is not None else None,
                    "text": result.text if result is not None else None,
                }
            )
        counted = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c["outcome"] == "failure"),
            "errors": sum(1 for c in cases if c["outcome"] == "error"),
            "skipped": sum(1 for c in cases if c["outcome"] == "skipped"),
        }
        declared = {
            "tests": suite.tests,
            "failures": suite.failures,
            "errors": suite.errors,
            "skipped": suite.skipped,
        }
        if counted != declared:
            problems.append(
                f"suite {suite.name!r}: declares {declared} but holds {counted}"
            )
        if not cases:
            problems.append(f"suite {suite.name!r} is empty")
        suites.append({"name": suite.name, **declared, "cases": cases})
    totals = {
        key: sum(s[key] for s in suites) for key in ("tests", "failures", "errors")
    }
    declared_totals = {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors}
    if totals != declared_totals:
        problems.append(f"testsuites: declares {declared_totals} but holds {totals}")
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    json.dump({"suites": suites, **totals}, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: check_junit.py REPORT.xml", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
