"""``cableparse validate``: compiler-style diagnostics, JSON, summary and exit statuses."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

import cableparse
from cableparse.cli import main

from .synthetic_cables import CONFIDENTIAL_2008, UNCLAS_2009, csv_row, html_page, line_col

ERROR = CONFIDENTIAL_2008.replace("#0412/01", "#0413/01")  # check-station-serial (error)
WARNING = CONFIDENTIAL_2008.replace("PP RUEHBO", "OO RUEHBO")  # check-relay-precedence (warning)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(["validate", *argv])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def test_a_clean_cable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "good.txt", CONFIDENTIAL_2008)
    status, out, _ = validate(capsys, str(path))
    assert status == 0
    assert out == ["1 file, 1 cable: 0 errors, 0 warnings"]


def test_an_error_is_printed_compiler_style_with_a_caret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.txt", ERROR)
    status, out, _ = validate(capsys, str(path))
    line, column = line_col(ERROR, "0413")
    assert status == 1
    assert out[0].startswith(f"{path}:{line}:{column}: error[check-station-serial]: the DE line's station serial #0413")
    assert out[1] == "    DE RUEHQT #0413/01 0681530"
    assert out[2] == "    " + " " * (column - 1) + "^"
    assert out[-1] == "1 file, 1 cable: 1 error, 0 warnings"


def test_warnings_do_not_fail_unless_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "warn.txt", WARNING)
    status, out, _ = validate(capsys, str(path))
    assert status == 0
    assert any("warning[check-relay-precedence]" in line for line in out)
    assert out[-1] == "1 file, 1 cable: 0 errors, 1 warning"
    status, out, _ = validate(capsys, "--warnings-as-errors", str(path))
    assert status == 1
    assert out[-1] == "1 file, 1 cable: 0 errors, 1 warning (warnings count as errors)"


def test_quiet_prints_only_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    both = write(tmp_path, "both.txt", ERROR.replace("PP RUEHBO", "OO RUEHBO"))
    status, out, _ = validate(capsys, "--quiet", str(both))
    assert status == 1
    heads = [line for line in out if not line.startswith("    ")]
    assert len(heads) == 1
    assert "error[check-station-serial]" in heads[0]
    status, out, _ = validate(capsys, "-q", str(write(tmp_path, "warn.txt", WARNING)))
    assert (status, out) == (0, [])


def test_verbose_prints_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "good.txt", CONFIDENTIAL_2008)
    _, out, _ = validate(capsys, "--verbose", str(path))
    assert any("info[page-marker]" in line for line in out)
    _, out, _ = validate(capsys, str(path))
    assert not any("info[" in line for line in out)


def test_json_gives_one_object_per_cable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "a.txt", CONFIDENTIAL_2008)
    bad = write(tmp_path, "b.txt", ERROR)
    status, out, _ = validate(capsys, "--format", "json", str(good), str(bad))
    assert status == 1
    records = [json.loads(line) for line in out]
    assert [r["source"] for r in records] == [str(good), str(bad)]
    assert records[0] == {"source": str(good), "reference_id": "08QUITO412", "usable": True, "errors": 0, "warnings": 0, "diagnostics": []}
    (d,) = records[1]["diagnostics"]
    line, column = line_col(ERROR, "0413")
    assert d == {
        "code": "check-station-serial",
        "severity": "error",
        "message": d["message"],
        "line": line,
        "column": column,
        "field": "header.station",
    }


def test_a_directory_is_walked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a.txt", CONFIDENTIAL_2008)
    write(tmp_path, "b.md", cableparse.example_text())
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.html", html_page(ERROR))
    write(tmp_path, "ignored.json", "{}")
    status, out, _ = validate(capsys, str(tmp_path))
    assert status == 1
    assert out[-1] == "3 files, 3 cables: 1 error, 0 warnings"
    assert any(line.startswith(str(tmp_path / "sub" / "c.html") + ":") for line in out)


def test_an_html_line_is_cut_around_the_caret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = html_page(ERROR)
    path = write(tmp_path, "page.html", page)
    _, out, _ = validate(capsys, str(path))
    head, shown, caret = out[0], out[1], out[2]
    line = int(head.split(":")[1])
    column = int(head.split(":")[2])
    assert page.split("\n")[line - 1][column - 1 : column + 3] == "0413"
    assert shown.startswith("    ...")
    assert len(shown) < 140
    assert shown[caret.index("^") : caret.index("^") + 4] == "0413"


def test_cables_csv_gives_one_report_per_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = csv_row(CONFIDENTIAL_2008, row=1) + csv_row(ERROR, row=2) + csv_row(CONFIDENTIAL_2008, row=3)
    path = write(tmp_path, "cables.csv", rows)
    status, out, _ = validate(capsys, str(path))
    assert status == 1
    assert out[-1] == "1 file, 3 cables: 1 error, 0 warnings"
    head = out[0]
    assert head.startswith(f"{path}:2:")
    # The position is the line of the file, not of the row.
    line = int(head[len(f"{path}:2:") :].split(":")[0])
    assert rows.split("\n")[line - 1].startswith("DE RUEHQT #0413/01")
    status, out, _ = validate(capsys, "--format", "json", str(path))
    assert [json.loads(x)["source"] for x in out] == [f"{path}:1", f"{path}:2", f"{path}:3"]


def test_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ERROR.encode())))
    status, out, _ = validate(capsys, "-")
    assert status == 1
    assert out[0].startswith("<stdin>:3:")


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"\x00\x01\x02\x03" * 100, "input-binary"), (b"", "input-empty"), (b"   \n\n", "input-empty")],
)
def test_unusable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: str) -> None:
    path = write(tmp_path, "x.txt", content)
    good = write(tmp_path, "good.txt", CONFIDENTIAL_2008)
    status, out, _ = validate(capsys, str(path), str(good))
    assert status == 2
    assert f"error[{code}]" in out[0]
    assert out[-1].endswith(", 1 unusable")


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = validate(capsys, str(tmp_path / "nope.txt"))
    assert status == 2
    assert "error[input-unreadable]" in out[0]


def test_an_input_over_the_size_limit_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "big.txt", CONFIDENTIAL_2008)
    status, out, _ = validate(capsys, "--max-size", "100", str(path))
    assert status == 2
    assert "error[input-too-large]" in out[0]


@pytest.mark.parametrize("argv", [[], ["--format", "xml", "x"], ["--input-format", "pdf", "x"], ["--bogus", "x"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, _, err = validate(capsys, *argv)
    assert status == 2
    assert "usage" in err


def test_input_format_forces_the_container(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "cable.dat", UNCLAS_2009)
    status, out, _ = validate(capsys, "--input-format", "text", "--format", "json", str(path))
    assert status == 0
    assert json.loads(out[0])["reference_id"] == "09ANKARA77"


def test_the_example_cable_validates_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "example.md", cableparse.example_text())
    status, out, _ = validate(capsys, "--warnings-as-errors", str(path))
    assert (status, out) == (0, ["1 file, 1 cable: 0 errors, 0 warnings"])


def test_a_failure_while_decoding_is_reported_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cableparse.reading import RawInput

    real = RawInput.load

    def load(self: RawInput, reporter: object, **kwargs: object) -> object:
        if self.source is not None and self.source.endswith("a.txt"):
            raise RuntimeError("decoder broke")
        return real(self, reporter, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RawInput, "load", load)
    write(tmp_path, "a.txt", CONFIDENTIAL_2008)
    write(tmp_path, "b.txt", CONFIDENTIAL_2008)
    status, out, _ = validate(capsys, str(tmp_path))
    assert status == 2
    assert "error[internal-error]: RuntimeError: decoder broke" in out[0]
    assert out[-1] == "2 files, 2 cables: 1 error, 0 warnings, 1 unusable"
