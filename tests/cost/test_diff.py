"""planner diff: per-resource deltas between blueprints or saved estimates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from tests.conftest import BLUEPRINTS


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out = capsys.readouterr()
    return int(info.value.code or 0), out.out, out.err


def test_diff_between_saved_estimate_and_blueprint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.json"
    _, out, _ = _run(["estimate", "--format", "json", str(BLUEPRINTS / "shop-seoul.yaml")], capsys)
    old.write_text(out)
    new = tmp_path / "new.yaml"
    new.write_text((BLUEPRINTS / "shop-seoul.yaml").read_text().replace("count: 2", "count: 3")
                   .replace("type: t3.large", "type: t3.medium"))
    code, out, _ = _run(["diff", str(old), str(new), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0
    # Seoul, 730 h: 2 x t3.large (0.104) -> 3 x t3.medium (0.052), each with 130 GB of gp3 (0.0912, ec2.shop ebs.json)
    # 2 x 75.92 + 260 x 0.0912 = 175.55 -> 3 x 37.96 + 390 x 0.0912 = 149.45
    assert data["resources"] == [{"address": "instances.web", "status": "changed", "old_monthly_usd": 175.55,
                                  "new_monthly_usd": 149.45, "delta_monthly_usd": -26.1}]
    code, out, _ = _run(["diff", str(old), str(new), "--format", "markdown"], capsys)
    assert "| `instances.web` | changed | $175.55 | $149.45 | -$26.10 |" in out


def test_identical_inputs_have_no_rows(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(BLUEPRINTS / "minimal-vm.yaml")
    code, out, _ = _run(["diff", path, path, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["resources"] == [] and json.loads(out)["delta_monthly_usd"] == 0


def test_not_an_estimate_is_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2]")
    code, _, err = _run(["diff", str(bad), str(BLUEPRINTS / "minimal-vm.yaml")], capsys)
    assert code == 2 and "not an estimate" in err


@pytest.mark.parametrize(("edit", "says"), [
    (lambda d: d["resources"][0].pop("address"), "resources.0.address: Field required"),
    (lambda d: d["resources"][0]["components"][0].update(quantity="x"), "resources.0.components.0.quantity"),
    (lambda d: d.pop("resources"), "not an estimate"),
])
def test_damaged_saved_estimate_is_invalid_input_naming_the_field(
        edit: object, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(["estimate", "--format", "json", str(BLUEPRINTS / "minimal-vm.yaml")], capsys)
    data = json.loads(out)
    assert callable(edit)
    edit(data)
    saved = tmp_path / "old.json"
    saved.write_text(json.dumps(data))
    code, _, err = _run(["diff", str(saved), str(BLUEPRINTS / "minimal-vm.yaml")], capsys)
    assert code == 2
    assert says in err and str(saved) in err and "Traceback" not in err


def test_unparsable_saved_estimate_is_invalid_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "old.json"
    saved.write_text("{bad")
    code, _, err = _run(["diff", str(saved), str(BLUEPRINTS / "minimal-vm.yaml")], capsys)
    assert code == 2
    assert "not a readable estimate JSON" in err and "line 1 column 2" in err
