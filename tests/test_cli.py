"""The extract command: formats, JSONL input, error records, exit status, --resume, jobs, broken pipes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policyfacts.cli import main


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture()
def corpus(tmp_path: Path, seeds: dict[str, str]) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    for i, (stem, text) in enumerate(seeds.items()):
        target = d / "sub" if i % 2 else d
        (target / f"{stem}.txt").write_bytes(text.encode("gb18030" if i == 1 else "utf-8"))
    (d / "nofacts.txt").write_text("没有数字的一句话。", "utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "notes.md").write_text("增长5%。", "utf-8")  # not matched by the default glob
    return d


def test_extract_directory_jsonl_with_error_records(corpus: Path, tmp_path: Path,
                                                     seeds: dict[str, str]) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "-q"]) == 1  # empty.txt failed
    rows = _lines(out)
    errors = [r for r in rows if r["kind"] == "error"]
    assert errors == [{"kind": "error", "doc": "empty", "error": "empty document",
                       "error_type": "EmptyDocumentError", "path": str(corpus / "empty.txt")}]
    docs = {r["doc"] for r in rows}
    # ids are paths relative to the directory argument, without the suffix
    assert docs == {stem if i % 2 == 0 else f"sub/{stem}" for i, stem in enumerate(seeds)} | {"empty"}
    assert {r["path"] for r in rows if r["doc"].startswith("sub/")} == {
        str(corpus / "sub" / f"{stem}.txt") for i, stem in enumerate(seeds) if i % 2}
    marks = _lines(out.with_name("out.jsonl.done"))
    assert len(marks) == len(seeds) + 2
    assert {m["doc"]: m["facts"] for m in marks}["nofacts"] == 0
    assert marks[-1]["offset"] == out.stat().st_size
    assert sum(m["facts"] for m in marks) == len(rows) - 1


def test_all_good_exits_zero_and_glob(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "md.jsonl"
    assert main(["extract", str(corpus), "--glob", "*.md", "-o", str(out), "-q"]) == 0
    assert [(r["doc"], r["text"]) for r in _lines(out)] == [("notes", "5%")]


def test_a_generous_timeout_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    main(["extract", str(corpus), "-o", str(a), "-q"])
    main(["extract", str(corpus), "-o", str(b), "-q", "--timeout", "60"])
    assert a.read_bytes() == b.read_bytes()


def test_jobs2_output_is_identical(corpus: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    main(["extract", str(corpus), "-o", str(a), "-q"])
    main(["extract", str(corpus), "-o", str(b), "-q", "--jobs", "2"])
    assert a.read_bytes() == b.read_bytes()


def test_resume_after_an_interrupted_run(corpus: Path, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    main(["extract", str(corpus), "-o", str(full), "-q"])
    expected = full.read_bytes()
    out = tmp_path / "out.jsonl"
    out.write_bytes(expected)
    done = out.with_name("out.jsonl.done")
    marks = full.with_name("full.jsonl.done").read_bytes().splitlines(keepends=True)
    # Interrupted: three documents marked done, the 4th half written (its facts cut mid-line),
    # and the marker file itself cut mid-line.
    done.write_bytes(b"".join(marks[:3]) + marks[3][:10])
    cut = json.loads(marks[3])["offset"] - 25
    with out.open("r+b") as fh:
        fh.truncate(cut)
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--resume"]) == 1
    assert out.read_bytes() == expected  # no duplicates, nothing lost
    assert [json.loads(m)["doc"] for m in done.read_bytes().splitlines()] == [
        json.loads(m)["doc"] for m in marks]
    # a second resume has nothing to do and still reports the earlier failure
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--resume"]) == 1
    assert out.read_bytes() == expected


def test_resume_without_marker_starts_over(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("stale\n", "utf-8")
    main(["extract", str(corpus), "-o", str(out), "-q", "--resume", "--glob", "*.md"])
    assert [r["text"] for r in _lines(out)] == ["5%"]


def test_resume_needs_jsonl_file(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(corpus), "--resume"]) == 2
    assert "--resume needs" in capsys.readouterr().err


def test_jsonl_input_fields(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"uid": "a", "body": "全市新增就业1.2万人。"}, ensure_ascii=False),
        json.dumps({"uid": "b", "body": ""}),
        "{broken",
    ]) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "--text-field", "body", "--id-field", "uid", "-o", str(out), "-q"]) == 1
    rows = _lines(out)
    assert [(r["doc"], r["kind"], r.get("text") or r.get("error_type")) for r in rows] == [
        ("a", "count", "1.2万人"), ("b", "error", "EmptyDocumentError"), ("in:3", "error", "BadRecordError")]


def test_json_format_streams_an_array(corpus: Path, tmp_path: Path, seeds: dict[str, str]) -> None:
    out = tmp_path / "out.json"
    main(["extract", str(corpus), "--format", "json", "-o", str(out), "-q"])
    data = json.loads(out.read_text("utf-8"))
    assert len(data) == len(seeds) + 2
    by_id = {d.get("doc_id") or d["doc"]: d for d in data}
    assert by_id[next(iter(seeds))]["meta"]["encoding"] == "utf-8"
    assert by_id["sub/" + list(seeds)[1]]["meta"]["encoding"] == "gb18030"
    assert by_id["empty"]["error_type"] == "EmptyDocumentError"


def test_csv_format_goes_through_export(corpus: Path, tmp_path: Path) -> None:
    export = pytest.importorskip("policyfacts.export")
    if not hasattr(export, "write_rows"):
        pytest.skip("export.write_rows not available yet")
    out = tmp_path / "out.csv"
    assert main(["extract", str(corpus), "--glob", "*.md", "--format", "csv", "-o", str(out), "-q"]) == 0
    header, row = out.read_text("utf-8").splitlines()[:2]
    assert "kind" in header.split(",") and "5%" in row


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policyfacts.cli", *args], capture_output=True, **kw)


def test_stdin_and_exit_status(tmp_path: Path) -> None:
    proc = _run(["extract", "-"], input="去年新增就业1.2万人。".encode("gb18030"), timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [(r["doc"], r["text"]) for r in rows] == [("stdin", "去年"), ("stdin", "1.2万人")]
    assert proc.stderr == b""  # no progress bar when stderr is not a terminal
    proc = _run(["extract", str(tmp_path / "missing.txt")], timeout=60)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error_type"] == "MissingPathError"


def test_broken_pipe_is_quiet(corpus: Path) -> None:
    proc = subprocess.run(f"{sys.executable} -m policyfacts.cli extract {corpus} {corpus} {corpus} | head -n 1",
                          shell=True, capture_output=True, timeout=60)
    assert len(proc.stdout.splitlines()) == 1
    assert b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr


def test_view_commands_are_registered_when_available(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("policyfacts.cli_view")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "extract" in capsys.readouterr().out


def test_progress_bar_draws_on_a_tty() -> None:
    import io

    from policyfacts.batch import Result
    from policyfacts.cli import Progress

    buf = io.StringIO()
    p = Progress(enabled=True, stream=buf)
    p.update(Result(0, "a", error="x", error_type="E"))
    p.close()
    assert "1 docs" in buf.getvalue() and "1 errors" in buf.getvalue() and "chars/s" in buf.getvalue()


# --- every document accounted for: names that collide, outputs that can't be written, nothing matched


@pytest.fixture()
def twins(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    for sub, figure in (("a", "1200人"), ("b", "3400人")):
        (d / sub).mkdir(parents=True)
        (d / sub / "x.txt").write_text(f"全县新增就业{figure}。", "utf-8")
    return d


def test_documents_of_the_same_name_in_two_folders_keep_apart(twins: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(twins), "-o", str(out), "-q"]) == 0
    assert [(r["doc"], r["path"], r["text"]) for r in _lines(out)] == [
        ("a/x", str(twins / "a" / "x.txt"), "1200人"), ("b/x", str(twins / "b" / "x.txt"), "3400人")]
    assert [(m["doc"], m["path"]) for m in _lines(out.with_name("out.jsonl.done"))] == [
        ("a/x", str(twins / "a" / "x.txt")), ("b/x", str(twins / "b" / "x.txt"))]


def test_files_given_directly_keep_their_stem_and_a_repeated_one_is_numbered(twins: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(twins / "a" / "x.txt"), str(twins / "b" / "x.txt"), "-o", str(out), "-q"]) == 0
    assert [(r["doc"], r["text"]) for r in _lines(out)] == [("x", "1200人"), ("x#2", "3400人")]


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_every_format_carries_the_source_path(twins: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    assert main(["extract", str(twins), "--format", fmt, "-o", str(out), "-q"]) == 0
    if fmt == "json":
        docs = json.loads(out.read_text("utf-8"))
        assert [(d["doc_id"], d["path"], d["facts"][0]["path"]) for d in docs] == [
            ("a/x", str(twins / "a" / "x.txt"), str(twins / "a" / "x.txt")),
            ("b/x", str(twins / "b" / "x.txt"), str(twins / "b" / "x.txt"))]
    else:
        from policyfacts.export import read_rows

        assert [(r["doc"], r["path"]) for r in read_rows(fmt, out)] == [
            ("a/x", str(twins / "a" / "x.txt")), ("b/x", str(twins / "b" / "x.txt"))]


def test_resume_keys_on_the_source_path(twins: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    main(["extract", str(twins), "-o", str(out), "-q"])
    full = out.read_bytes()
    done = out.with_name("out.jsonl.done")
    first = done.read_bytes().splitlines(keepends=True)[0]
    done.write_bytes(first)
    with out.open("r+b") as fh:
        fh.truncate(json.loads(first)["offset"])
    assert main(["extract", str(twins), "-o", str(out), "-q", "--resume"]) == 0
    assert out.read_bytes() == full  # b/x is not taken for the a/x already done


@pytest.mark.parametrize("target", ["dir", "missing/out.jsonl"])
def test_an_output_that_cannot_be_written_is_a_one_line_usage_error(tmp_path: Path, target: str) -> None:
    (tmp_path / "dir").mkdir()
    src = tmp_path / "a.txt"
    src.write_text("增长5%。", "utf-8")
    for fmt in ("jsonl", "csv", "json"):
        proc = _run(["extract", str(src), "--format", fmt, "-o", str(tmp_path / target)], timeout=60)
        assert proc.returncode == 2
        err = proc.stderr.decode()
        assert err.count("\n") == 1 and "Traceback" not in err and target.split("/")[0] in err
    proc = _run(["show", str(src), "-o", str(tmp_path / target)], timeout=60)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


def test_a_directory_matching_no_file_is_reported(corpus: Path, tmp_path: Path) -> None:
    proc = _run(["extract", str(corpus), "--glob", "*.docx", "-q"], timeout=60)
    assert proc.returncode == 1
    assert "no file in this directory matches *.docx" in proc.stderr.decode()
    (rec,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert (rec["kind"], rec["error_type"], rec["path"]) == ("error", "NoFilesError", str(corpus))
    empty = tmp_path / "nothing"
    empty.mkdir()
    proc = _run(["extract", str(empty)], timeout=60)
    assert proc.returncode == 1 and "no file in this directory matches" in proc.stderr.decode()


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "=cmd|' /C calc'!A0", "text": "=1+2 全县新增就业1200人。"},
                              ensure_ascii=False) + "\n", "utf-8")
    out = tmp_path / "out.csv"
    assert main(["extract", str(src), "--format", "csv", "-o", str(out), "-q"]) == 0
    import csv

    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["doc"] == "'=cmd|' /C calc'!A0" and row["sentence"].startswith("'=1+2")
    assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())
    from policyfacts.export import read_rows

    (back,) = list(read_rows("csv", out))
    assert back["doc"] == "=cmd|' /C calc'!A0" and back["sentence"].startswith("=1+2") and back["value"] == 1200


def test_warnings_are_counted_in_the_summary(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "long.txt").write_text("没有任何数字的一句话。" * 40, "utf-8")
    (d / "ok.txt").write_text("全县新增就业1200人。", "utf-8")
    out = tmp_path / "out.jsonl"
    proc = _run(["extract", str(d), "-o", str(out)], timeout=60)
    assert proc.returncode == 0
    err = proc.stderr.decode()
    assert f"warning: long ({d / 'long.txt'}): no_facts" in err
    assert "2 docs  1 facts  0 errors  1 warnings (no_facts 1)" in err
    marks = {m["doc"]: m.get("warnings") for m in _lines(out.with_name("out.jsonl.done"))}
    assert marks == {"long": ["no_facts"], "ok": None}
    assert _run(["extract", str(d), "-o", str(tmp_path / "q.jsonl"), "-q"], timeout=60).stderr == b""
