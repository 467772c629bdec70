"""JUnit XML (the test report format CI systems display) from test cases: one writer for every command.

Each suite is one file or topic, each case one thing that was checked: a case with a ``failure``
failed, one with ``skipped`` was not decided, any other passed. The XML is what Jenkins, GitLab
and GitHub test reporters read (the common ``testsuites/testsuite/testcase`` schema).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    classname: str
    name: str
    failure: str | None = None
    """The failure message (None: the case did not fail)."""
    failure_type: str = ""
    details: str = ""
    """The failure's body: where it is and how to fix it."""
    skipped: str | None = None
    output: str = ""
    """Shown beside a passing case (a warning that does not fail the run)."""
    seconds: float = 0.0


@dataclass(frozen=True)
class Suite:
    name: str
    cases: Sequence[Case]


def _counts(cases: Sequence[Case]) -> dict[str, str]:
    return {"tests": str(len(cases)), "failures": str(sum(1 for c in cases if c.failure is not None)),
            "errors": "0", "skipped": str(sum(1 for c in cases if c.skipped is not None)),
            "time": f"{sum(c.seconds for c in cases):.3f}"}


def junit_xml(name: str, suites: Sequence[Suite]) -> str:
    """The JUnit XML document of ``suites`` (UTF-8 text with its declaration)."""
    root = ET.Element("testsuites", {"name": name, **_counts([c for s in suites for c in s.cases])})
    for suite in suites:
        node = ET.SubElement(root, "testsuite", {"name": suite.name, **_counts(suite.cases)})
        for case in suite.cases:
            item = ET.SubElement(node, "testcase", {"classname": case.classname, "name": case.name,
                                                    "time": f"{case.seconds:.3f}"})
            if case.failure is not None:
                failure = ET.SubElement(item, "failure", {"message": case.failure, "type": case.failure_type})
                failure.text = case.details or case.failure
            elif case.skipped is not None:
                ET.SubElement(item, "skipped", {"message": case.skipped})
            if case.output:
                ET.SubElement(item, "system-out").text = case.output
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
