"""``cableparse parse``: JSON Lines in input order, failure reports, summary, exit statuses, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

import cableparse
from cableparse.cli import main

from .test_bulk import cable_text, csv_file


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of one command."""
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def summary(err: str) -> str:
    """The closing summary line."""
    return err.strip().splitlines()[-1]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "cables"
    data.mkdir()
    for n in range(1, 6):
        (data / f"c{n}.txt").write_text(cable_text(n, n))
    return data


def test_example_prints_the_indented_seed(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["parse", "--example"], capsys)
    assert status == 0
    assert out == cableparse.to_json(cableparse.parse(cableparse.example_text(), source="example.md"), indent=True) + "\n"
    assert json.loads(out)["reference_id"] == "09KUALALUMPUR521"
    assert "1 cable: 1 parsed (0 with warnings, 0 with errors), 0 failed" in summary(err)


def test_one_file_is_an_indented_object(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "c2.txt"
    status, out, _ = run(["parse", str(path)], capsys)
    assert status == 0
    assert out.startswith("{\n  ")
    assert json.loads(out) == cableparse.to_dict(cableparse.parse_file(path))


def test_directory_gives_json_lines_in_order(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["parse", str(folder), "--jobs", "2", "--batch-size", "2"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines == [cableparse.to_json(c) for c in cableparse.iter_cables(folder)]
    assert [json.loads(line)["reference_id"] for line in lines] == ["08QUITO1", "08DURBAN2", "08OSLO3", "08QUITO4", "08DURBAN5"]
    assert summary(err).startswith("cableparse parse: 5 cables: 5 parsed (0 with warnings, 0 with errors), 0 failed in ")
    assert summary(err).endswith("cables/s)")


def test_csv_to_file_with_two_jobs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = csv_file(tmp_path / "cables.csv", 150)
    out_path = tmp_path / "out.jsonl"
    status, out, err = run(["parse", str(path), "-o", str(out_path), "--jobs", "2", "--batch-size", "8"], capsys)
    assert (status, out) == (0, "")
    lines = out_path.read_text().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [f"{path}:{n}" for n in range(1, 151)]
    assert lines == [cableparse.to_json(c) for c in cableparse.iter_cables(path)]
    assert not (tmp_path / "out.jsonl.failures.jsonl").exists()
    assert "150 cables: 150 parsed" in summary(err)


def test_failures_go_to_the_report_beside_the_output(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "c3.txt").write_text("")
    (folder / "c4.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    out_path = tmp_path / "out.jsonl"
    status, _, err = run(["parse", str(folder), "-o", str(out_path)], capsys)
    assert status == 2
    assert [json.loads(line)["reference_id"] for line in out_path.read_text().splitlines()] == ["08QUITO1", "08DURBAN2", "08DURBAN5"]
    report = [json.loads(line) for line in (tmp_path / "out.jsonl.failures.jsonl").read_text().splitlines()]
    assert [(r["source"], r["row"], r["diagnostics"][0]["code"]) for r in report] == [
        (str(folder / "c3.txt"), None, "input-empty"),
        (str(folder / "c4.txt"), None, "input-binary"),
    ]
    assert set(report[0]["diagnostics"][0]) == {"code", "severity", "message", "line", "column", "field"}
    assert "5 cables: 3 parsed (0 with warnings, 0 with errors), 2 failed (2 unusable)" in summary(err)


def test_failures_on_stderr_when_writing_to_stdout(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "c3.txt").write_text("")
    status, out, err = run(["parse", str(folder)], capsys)
    assert status == 2
    assert len(out.splitlines()) == 4
    assert f"{folder / 'c3.txt'}: failed: the input holds no text" in err
    assert "error[input-empty]" in err


def test_csv_row_failures_name_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = csv_file(tmp_path / "cables.csv", 5, bad={2, 4})
    out_path = tmp_path / "out.jsonl"
    status, _, _ = run(["parse", str(path), "-o", str(out_path)], capsys)
    assert status == 2
    report = [json.loads(line) for line in Path(f"{out_path}.failures.jsonl").read_text().splitlines()]
    assert [(r["source"], r["row"]) for r in report] == [(f"{path}:2", 2), (f"{path}:4", 4)]
    assert len(out_path.read_text().splitlines()) == 3


def test_strict_fails_cables_with_errors(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "c2.txt").write_text(cable_text(2, month="FOO"))
    out_path = tmp_path / "out.jsonl"
    status, _, err = run(["parse", str(folder), "-o", str(out_path)], capsys)
    assert status == 0
    assert "5 parsed (1 with warnings, 1 with errors)" in summary(err)
    status, _, err = run(["parse", str(folder), "-o", str(out_path), "--strict"], capsys)
    assert status == 1
    assert len(out_path.read_text().splitlines()) == 4
    (failure,) = (json.loads(line) for line in Path(f"{out_path}.failures.jsonl").read_text().splitlines())
    assert [d["code"] for d in failure["diagnostics"]] == ["dtg-month"]
    assert failure["diagnostics"][0]["line"] == 5


def test_errors_raise_stops_at_the_first_failure(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "c3.txt").write_text(cable_text(3, month="FOO"))
    status, out, err = run(["parse", str(folder), "--strict", "--errors", "raise", "--jobs", "2", "--batch-size", "1"], capsys)
    assert status == 1
    assert [json.loads(line)["reference_id"] for line in out.splitlines()] == ["08QUITO1", "08DURBAN2"]
    assert "error[dtg-month]" in err
    assert "3 cables: 2 parsed" in summary(err)


def test_errors_skip_exits_zero_without_report(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "c3.txt").write_text("")
    out_path = tmp_path / "out.jsonl"
    Path(f"{out_path}.failures.jsonl").write_text("stale\n")
    status, _, err = run(["parse", str(folder), "-o", str(out_path), "--errors", "skip"], capsys)
    assert status == 0
    assert len(out_path.read_text().splitlines()) == 4
    assert not Path(f"{out_path}.failures.jsonl").exists()
    assert "1 failed" in summary(err)


def test_output_json_for_many_is_an_array(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["parse", str(folder), "--output", "json"], capsys)
    assert status == 0
    value = json.loads(out)
    assert [c["reference_id"] for c in value] == ["08QUITO1", "08DURBAN2", "08OSLO3", "08QUITO4", "08DURBAN5"]
    assert value == [cableparse.to_dict(c) for c in cableparse.iter_cables(folder)]
    out_path = tmp_path / "all.json"
    assert run(["parse", str(folder), "-o", str(out_path)], capsys)[0] == 0
    assert json.loads(out_path.read_text()) == value


def test_output_jsonl_for_one_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["parse", str(folder / "c1.txt"), "--output", "jsonl", "-q"], capsys)
    assert status == 0
    assert out.count("\n") == 1
    assert json.loads(out)["reference_id"] == "08QUITO1"


def test_unordered_writes_the_same_lines(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ordered = run(["parse", str(folder)], capsys)[1].splitlines()
    unordered = run(["parse", str(folder), "--unordered", "--jobs", "2", "--batch-size", "1"], capsys)[1].splitlines()
    assert sorted(unordered) == sorted(ordered)


def test_quiet_and_progress(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["parse", str(folder), "-q", "--no-progress"], capsys)
    assert (status, err) == (0, "")
    pytest.importorskip("tqdm")
    status, _, err = run(["parse", str(folder), "-q", "--progress"], capsys)
    assert status == 0
    assert "5 cables" in err


def test_no_progress_bar_without_tqdm(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now raises ImportError
    status, out, err = run(["parse", str(folder), "-q", "--progress"], capsys)
    assert (status, err) == (0, "")
    assert len(out.splitlines()) == 5


@pytest.mark.parametrize(
    "argv",
    [
        ["parse"],
        ["parse", "x.txt", "--jobs", "0"],
        ["parse", "x.txt", "--format", "pdf"],
        ["parse", "x.txt", "--errors", "ignore"],
        ["parse", "x.txt", "--output", "xml"],
    ],
)
def test_usage_errors_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv, capsys)[0] == 2


def test_missing_file_is_unusable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["parse", str(tmp_path / "missing.txt")], capsys)
    assert (status, out) == (2, "")
    assert "cannot read" in err


def test_unwritable_output_exits_two(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["parse", str(folder), "-o", str(tmp_path / "no" / "such" / "out.jsonl")], capsys)
    assert status == 2
    assert "cannot write" in err


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _children(pid: int) -> list[int]:
    """The worker processes of a run, once they are started."""
    parent = psutil.Process(pid)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = [c.pid for c in parent.children()]
        if len(children) >= 2:
            return children
        time.sleep(0.05)
    return []


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cableparse", "parse", *args]


def test_standard_input_in_a_subprocess() -> None:
    text = cable_text(8)
    done = subprocess.run(_command("-"), input=text.encode(), capture_output=True, check=False, timeout=60)
    assert done.returncode == 0
    value: dict[str, Any] = json.loads(done.stdout)
    assert (value["source"], value["reference_id"]) == ("<stdin>", "08OSLO8")
    assert b"1 cable: 1 parsed" in done.stderr


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_leaves_a_valid_prefix(tmp_path: Path, signum: int, status: int) -> None:
    path = csv_file(tmp_path / "cables.csv", 4000)
    out_path = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        _command(str(path), "-o", str(out_path), "--jobs", "2", "--batch-size", "4"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # A run started in the background may inherit an ignored SIGINT.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out_path.exists() and out_path.stat().st_size > 50_000:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    workers = _children(proc.pid)
    assert len(workers) == 2
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in workers)
    text = out_path.read_text()
    assert text.endswith("\n")
    lines = text.splitlines()
    assert 0 < len(lines) < 4000
    assert [json.loads(line)["source"] for line in lines] == [f"{path}:{n}" for n in range(1, len(lines) + 1)]
    assert b"interrupted" in err.splitlines()[-1]
