"""``planner report`` end to end: the real CLI, real moto, real Graphviz, real Chromium.

Golden Markdown: ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/report`` rewrites
``tests/report/golden/*.report.md`` after an intended change (review the diff).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.errors import InvalidInput
from planner.money import usd
from planner.pipeline import RunOptions, analyze, run_pipeline
from planner.report.bundle import build_bundle
from planner.report.files import write_tree
from tests.conftest import BLUEPRINTS, REPO

EXE = REPO / ".venv" / "bin" / "planner"
GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 22)
FILES = {"index.html", "report.md", "report.json", "cost.csv", "review.sarif", "diagram.svg", "diagram.png",
         "dry-run.log", "clusters/shop.deploy.sh", "clusters/shop.eksctl.yaml", "clusters/shop.teardown.sh", "kubernetes/shop/shop.yaml", "kubernetes/shop/_cluster.yaml",
         ".planner-output.json"}
SECTIONS = ["summary", "diagram", "cost", "roi", "review", "network", "dry-run", "files"]


def planner(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    exe = str(EXE) if EXE.exists() else shutil.which("planner") or "planner"
    return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd, timeout=300, check=False)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out = capsys.readouterr()
    return int(info.value.code or 0), out.out, out.err


@pytest.fixture(scope="module")
def seoul(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "shop-seoul"
    done = planner("report", "blueprints/shop-seoul.yaml", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_report_writes_every_file(seoul: Path) -> None:
    assert files_under(seoul) == FILES
    assert (seoul / "diagram.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    sarif = json.loads((seoul / "review.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert "result: deployed, verified and torn down" in (seoul / "dry-run.log").read_text()
    assert (seoul / "cost.csv").read_text().splitlines()[0].startswith("address,kind,component")


def test_total_is_the_estimate_total_in_every_format(seoul: Path) -> None:
    estimate = json.loads(planner("estimate", "blueprints/shop-seoul.yaml", "--format", "json").stdout)
    model = json.loads((seoul / "report.json").read_text())
    assert model["total_monthly_usd"] == estimate["total_monthly_usd"]
    shown = usd(estimate["total_monthly_usd"])
    assert model["total_monthly"] == shown
    assert f"Monthly cost: **{shown}**" in (seoul / "report.md").read_text()
    assert re.search(rf'id="total-monthly">{re.escape(shown)}<', (seoul / "index.html").read_text())


def _pairs(node: Any) -> list[tuple[str, Any, Any]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            base = key.removesuffix("_usd")
            if key.endswith("_usd") and base in node and not key.startswith("unit_price"):
                found.append((key, value, node[base]))
            found += _pairs(value)
    elif isinstance(node, list):
        for item in node:
            found += _pairs(item)
    return found


def test_every_amount_is_shown_as_dollars_and_cents(seoul: Path) -> None:
    model = json.loads((seoul / "report.json").read_text())
    pairs = _pairs(model)
    assert len(pairs) > 10
    for key, number, shown in pairs:
        assert shown == usd(number), key
        assert shown == "—" or re.fullmatch(r"-?\$\d{1,3}(,\d{3})*\.\d\d", shown), shown


def test_report_model_is_versioned_and_every_stage_ran(seoul: Path) -> None:
    model = json.loads((seoul / "report.json").read_text())
    assert model["schema"] == "planner.report/v1"
    assert {s["name"]: s["status"] for s in model["stages"]} == {
        "dry-run": "ok", "estimate": "ok", "roi": "ok", "review": "ok", "diagram": "ok", "manifests": "ok"}
    assert model["skipped_stages"] == []
    assert {f["path"] for f in model["files"]} == FILES - {".planner-output.json"}


def test_html_is_self_contained(seoul: Path) -> None:
    html = (seoul / "index.html").read_text()
    assert "<script" not in html.lower() and "<link" not in html.lower()
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', html)
    assert "url(http" not in html and "@import" not in html
    assert "<svg" in html  # the diagram and the charts are inline


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.title = ""
        self._open: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title" and not self.title
        ident = dict(attrs).get("id")
        if ident:
            self.ids.setdefault(ident, "")
            self._open.append(ident)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        for ident in self._open:
            self.ids[ident] += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if tag in ("div", "strong", "h1") and self._open:
            self._open.pop()


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")


def test_html_renders_in_headless_chromium(seoul: Path, tmp_path: Path) -> None:
    browser = chromium()
    flags = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={tmp_path / 'profile'}"]
    url = (seoul / "index.html").as_uri()
    dom = subprocess.run([browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True)
    parsed = _Dom()
    parsed.feed(dom.stdout)
    model = json.loads((seoul / "report.json").read_text())
    assert parsed.title.startswith("shop-seoul")
    assert parsed.ids["total-monthly"].strip() == model["total_monthly"]
    for section in SECTIONS:
        assert section in parsed.ids, section
    shot = tmp_path / "shot.png"
    subprocess.run([browser, *flags, "--window-size=1280,2400", f"--screenshot={shot}", url], capture_output=True,
                   timeout=120, check=True)
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2400)
    assert image.getpixel((20, 20)) == (0x17, 0x32, 0x4D)  # the dark header band was painted
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 500  # text, diagram icons and charts, not a blank page


def test_golden_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    results = run_pipeline(analyze("blueprints/shop-seoul.yaml"), RunOptions(today=TODAY))
    text = build_bundle(results, TODAY).files["report.md"]
    golden = GOLDEN / "shop-seoul.report.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(str(text))
    assert text == golden.read_text(), "report.md changed: UPDATE_GOLDEN=1 .venv/bin/pytest tests/report"


def test_invalid_blueprint_writes_nothing_and_keeps_the_earlier_report(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "index.html").write_text("earlier report")
    bad = tmp_path / "bad.yaml"
    bad.write_text((BLUEPRINTS / "minimal-vm.yaml").read_text().replace("version: 1", "version: 1\nnmae: x"))
    code, _, err = run(["report", str(bad), "-o", str(target)], capsys)
    assert code == 2
    assert "nmae" in err and "Traceback" not in err
    assert (target / "index.html").read_text() == "earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "out"]


def test_missing_graphviz_is_a_skipped_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no dot on PATH: the real lookup fails
    target = tmp_path / "out"
    code, _, err = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), "-o", str(target)], capsys)
    assert code == 1
    assert "skipped diagram" in err and "Graphviz" in err
    model = json.loads((target / "report.json").read_text())
    assert [s["name"] for s in model["skipped_stages"]] == ["diagram"]
    assert "No diagram: Graphviz is not installed" in (target / "index.html").read_text()
    assert not (target / "diagram.svg").exists()
    assert "**Skipped** diagram" in (target / "report.md").read_text()

    (target / "marker").write_text("earlier")
    code, _, err = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), "-o", str(target), "--strict"], capsys)
    assert code == 3
    assert "--strict: nothing was written" in err
    assert (target / "marker").exists()


def test_several_blueprints_get_a_comparison_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), str(BLUEPRINTS / "minimal-vm.yaml"),
                          "-o", str(tmp_path)], capsys)
    assert code == 0, err
    assert "\x1b[" not in err  # no progress display when stderr is not a terminal
    index = (tmp_path / "index.html").read_text()
    for name in ("gke-bootcamp", "minimal-vm"):
        model = json.loads((tmp_path / name / "report.json").read_text())
        assert f'href="{name}/index.html"' in index
        assert model["total_monthly"] in index
    gke = json.loads((tmp_path / "gke-bootcamp" / "report.json").read_text())
    assert gke["summary"]["dry_run"] == "not-applicable"
    assert "clusters/bootcamp.gke.yaml" in {f["path"] for f in gke["files"]}


def test_duplicate_blueprint_names_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "again.yaml"
    copy.write_text((BLUEPRINTS / "gke-bootcamp.yaml").read_text())
    code, _, err = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), str(copy), "-o", str(tmp_path / "o")], capsys)
    assert code == 2
    assert f"{copy}:6: name: the name 'gke-bootcamp' is also used by {BLUEPRINTS / 'gke-bootcamp.yaml'}" in err
    assert "give the blueprints different names" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_format_json_prints_the_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), "-o", str(tmp_path / "r"),
                        "--format", "json"], capsys)
    assert code == 0
    model = json.loads(out)
    assert model == json.loads((tmp_path / "r" / "report.json").read_text())
    assert model["total_monthly_usd"] > 0


def test_fail_on_turns_review_failures_into_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), "-o", str(tmp_path / "r"), "-q"], capsys)
    assert code == 0  # FAILs alone do not fail the command
    model = json.loads((tmp_path / "r" / "report.json").read_text())
    assert {f["severity"] for f in model["review"]["failures"]} >= {"high", "low"}  # e.g. one zone, no autoscale
    code, _, _ = run(["report", str(BLUEPRINTS / "gke-bootcamp.yaml"), "-o", str(tmp_path / "r"), "-q",
                      "--fail-on", "high"], capsys)
    assert code == 1


def test_stages_that_do_not_apply_are_marked_with_the_reason(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["report", str(BLUEPRINTS / "minimal-vm.yaml"), "-o", str(tmp_path / "r"), "-q", "--no-dry-run"],
                     capsys)
    assert code == 0
    model = json.loads((tmp_path / "r" / "report.json").read_text())
    stages = {s["name"]: (s["status"], s["reason"]) for s in model["stages"]}
    assert stages["manifests"] == ("not-applicable", "the blueprint declares no Kubernetes cluster")
    assert stages["dry-run"] == ("not-applicable", "turned off (--no-dry-run)")
    assert model["dry_run"] is None and model["summary"]["dry_run"] == "not-applicable"
    assert not (tmp_path / "r" / "dry-run.log").exists() and not (tmp_path / "r" / "kubernetes").exists()


def test_a_failed_write_keeps_the_earlier_folder_and_leaves_no_staging(tmp_path: Path) -> None:
    target = tmp_path / "out"
    write_tree(target, {"index.html": "earlier"})
    with pytest.raises(InvalidInput):
        write_tree(target, {"index.html": "new", "../escape.txt": "x"})
    assert (target / "index.html").read_text() == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("path", ["../escape.txt", "/etc/passwd", "a/../../b", "C:\\x"])
def test_report_files_stay_inside_the_output_folder(tmp_path: Path, path: str) -> None:
    with pytest.raises(InvalidInput):
        write_tree(tmp_path / "out", {path: "x"})
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape.txt").exists()
