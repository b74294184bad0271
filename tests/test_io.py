"""Decoding, HTML and input sources: every way a document arrives gives the same facts or a specific error."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import policyfacts
from policyfacts.errors import (
    BadRecordError,
    BinaryFileError,
    EmptyDocumentError,
    InputError,
    MissingPathError,
    TooLargeError,
    UndecodableError,
)
from policyfacts.io import decode_bytes, iter_sources, load_source
from policyfacts.io.html import looks_like_html

SEED = "001_5fb1984fc55e766d"


def _facts(doc: policyfacts.DocumentFacts) -> list[dict]:
    return [f.model_dump(mode="json", exclude={"path"}) for f in doc.facts]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_reencoded_seed_gives_the_same_facts(tmp_path: Path, seeds: dict[str, str], encoding: str) -> None:
    text = seeds[SEED]
    ref = policyfacts.extract_file(_write(tmp_path / "..", f"{SEED}.txt", text.encode("utf-8")))
    other = policyfacts.extract_file(_write(tmp_path, f"{SEED}.txt", text.encode(encoding)))
    assert ref.meta.encoding == "utf-8"
    assert other.meta.encoding is not None and other.meta.encoding != "utf-8"
    assert other.text == text
    assert _facts(other) == _facts(ref)
    assert len(ref.facts) > 20


def test_every_seed_survives_gb18030(tmp_path: Path, seeds: dict[str, str]) -> None:
    """Seed 003 has ► (not in GBK), so GB18030 it is; all seeds must round-trip through detection."""
    for stem, text in seeds.items():
        doc = policyfacts.extract_file(_write(tmp_path, f"{stem}.txt", text.encode("gb18030")))
        assert doc.meta.encoding == "gb18030"
        assert doc.text == text


def test_big5_traditional_seed_gives_the_same_facts(tmp_path: Path, seeds: dict[str, str]) -> None:
    """Big5 can't hold simplified text: compare with the same traditional text in UTF-8."""
    import opencc

    trad = opencc.OpenCC("s2t").convert(seeds[SEED]).encode("big5", errors="ignore")
    ref_text = trad.decode("big5")
    ref = policyfacts.extract_file(_write(tmp_path, "ref.txt", ref_text.encode("utf-8")), doc_id="d")
    big5 = policyfacts.extract_file(_write(tmp_path, "big5.txt", trad), doc_id="d")
    assert big5.meta.encoding == "big5"
    assert big5.text == ref_text
    assert _facts(big5) == _facts(ref) and ref.facts


def test_encoding_override(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.txt", "去年新增就业1.2万人。".encode("gb18030"))
    doc = policyfacts.extract_file(p, encoding="GBK")
    assert doc.meta.encoding == "gbk"
    assert [f.text for f in doc.facts if f.kind == "count"] == ["1.2万人"]
    with pytest.raises(UndecodableError):
        policyfacts.extract_file(p, encoding="utf-8")
    with pytest.raises(UndecodableError, match="unknown encoding"):
        policyfacts.extract_file(p, encoding="no-such-codec")


def test_truncated_utf8_keeps_the_document(tmp_path: Path, seeds: dict[str, str]) -> None:
    data = seeds[SEED].encode("utf-8")
    k = len(data) // 2
    while data[k] < 0xE0:  # find the lead byte of a 3-byte character
        k += 1
    cut = data[: k + 2]  # …and cut it off after its second byte
    dec = decode_bytes(cut)
    assert dec.encoding == "utf-8" and dec.truncated
    assert dec.text.endswith("\ufffd")
    assert seeds[SEED].startswith(dec.text[:-1])


@pytest.mark.parametrize(("data", "error"), [
    (b"", EmptyDocumentError),
    (b" \n\t\r\n ", EmptyDocumentError),
    ("\ufeff\n".encode(), EmptyDocumentError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", BinaryFileError),
    (bytes(range(256)) * 4, BinaryFileError),
    (b"ELF\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 text", BinaryFileError),
])
def test_bad_bytes_raise_specific_errors(data: bytes, error: type[InputError]) -> None:
    with pytest.raises(error):
        decode_bytes(data)


def test_too_large_and_missing(tmp_path: Path) -> None:
    p = _write(tmp_path, "big.txt", "增长5%。".encode() * 100)
    with pytest.raises(TooLargeError, match="max_bytes=100"):
        policyfacts.extract_file(p, max_bytes=100)
    assert policyfacts.extract_file(p, max_bytes=10_000).facts
    with pytest.raises(MissingPathError) as info:
        policyfacts.extract_file(tmp_path / "nope.txt")
    assert info.value.path == str(tmp_path / "nope.txt")
    with pytest.raises(MissingPathError, match="not a regular file"):
        policyfacts.extract_file(tmp_path)
    assert issubclass(TooLargeError, InputError) and issubclass(InputError, Exception)


def test_html_sniffing() -> None:
    assert looks_like_html(b"", ".HTM")
    assert looks_like_html(b"  <!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("<html lang='zh'>")
    assert not looks_like_html("全市新增就业1.2万人，<b>不是网页</b>。".encode())


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    body = "".join(f"<p>{s}</p>" for s in [
        "2023年全市新增城镇就业1.2万人，同比增长5%。",
        "全年投入就业补助资金3000万元，惠及企业200多家，帮助高校毕业生实现就业。",
        "下一步，我市将继续加大稳就业政策支持力度，确保就业形势总体稳定。",
    ])
    page = (f"<!DOCTYPE html><html><head><meta charset='gbk'><title>我市就业形势稳定</title>"
            f"<meta property='article:published_time' content='2024-03-05'>"
            f"<meta name='author' content='张三'></head><body><nav>首页 | 共12条 | 下一页</nav>"
            f"<article><h1>我市就业形势稳定</h1>{body}</article><footer>版权所有 2001-2024</footer></body></html>")
    p = _write(tmp_path, "page.html", page.encode("gbk"))
    doc = policyfacts.extract_file(p)
    assert doc.meta.encoding == "gb18030"
    assert doc.meta.published is not None and doc.meta.published.isoformat() == "2024-03-05"
    assert doc.text.startswith("我市就业形势稳定")
    assert "共12条" not in doc.text and "版权所有" not in doc.text
    texts = {f.text for f in doc.facts}
    assert {"1.2万人", "5%", "3000万元"} <= texts
    # the same page without the .html suffix is sniffed
    q = _write(tmp_path, "page.txt", page.encode("gbk"))
    assert [f.text for f in policyfacts.extract_file(q).facts] == [f.text for f in doc.facts]


def test_html_without_extra_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from policyfacts.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    p = _write(tmp_path, "x.html", b"<html><body><p>5%</p></body></html>")
    with pytest.raises(MissingExtraError, match=r"policyfacts\[html\]"):
        policyfacts.extract_file(p)


def test_directory_sources_are_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "a/1.txt", "a/3.htm", "a/skip.md", ".hidden/4.txt", "0.html"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("增长5%。", "utf-8")
    names = [Path(s.path).relative_to(tmp_path).as_posix() for s in iter_sources([tmp_path])]
    assert names == ["0.html", "a/1.txt", "a/3.htm", "b/2.txt"]
    names = [Path(s.path).name for s in iter_sources([tmp_path], glob="*.md, b/*")]
    assert names == ["skip.md", "2.txt"]
    missing = list(iter_sources([tmp_path / "gone.txt"]))
    assert isinstance(missing[0].error, MissingPathError)


def test_jsonl_sources(tmp_path: Path) -> None:
    lines = [json.dumps({"uid": 7, "body": "增长5%。"}, ensure_ascii=False), "", "not json",
             json.dumps({"uid": 8}), json.dumps([1, 2]), json.dumps({"body": "新增1.2万人。"}, ensure_ascii=False)]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(lines) + "\n", "utf-8")
    srcs = list(iter_sources([p], text_field="body", id_field="uid"))
    assert [s.doc_id for s in srcs] == ["7", "in:3", "8", "in:5", "in:6"]
    assert [type(s.error).__name__ if s.error else None for s in srcs] == [
        None, "BadRecordError", "BadRecordError", "BadRecordError", None]
    assert load_source(srcs[0]).text == "增长5%。"
    with pytest.raises(BadRecordError, match="no string field 'body'"):
        load_source(srcs[2])


def test_stdin_sources() -> None:
    (src,) = iter_sources(["-"], stdin=io.BytesIO("增长5%。".encode("gb18030")))
    loaded = load_source(src)
    assert (src.doc_id, loaded.text, loaded.encoding) == ("stdin", "增长5%。", "gb18030")
    stream = io.BytesIO(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n')
    assert [s.doc_id for s in iter_sources(["-"], jsonl=True, stdin=stream)] == ["a", "b"]


def test_errors_pickle() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(TooLargeError("too big", "/x")))
    assert type(err) is TooLargeError and err.path == "/x" and str(err) == "too big"
