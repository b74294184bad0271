"""Write the HTML report of a folder of articles (the same page as ``policyfacts show``).

    python examples/report.py [FOLDER] [-o report.html] [--screenshot report.png]

Open the page in a browser; ``report.html#kind=money&place=江苏省`` opens it with a filter set.
``--screenshot`` needs Debian's ``chromium`` (headless).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import policyfacts
from policyfacts.render import write_report

HERE = Path(__file__).resolve().parent


def screenshot(page: Path, png: Path, size: str = "1280,2000") -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("--screenshot needs chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={png.resolve()}",
             f"--window-size={size}", page.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(HERE / "articles"))
    parser.add_argument("-o", "--output", default="report.html")
    parser.add_argument("--title", default="policyfacts report")
    parser.add_argument("--screenshot", help="also save a PNG of the page (needs chromium)")
    parser.add_argument("--window-size", default="1280,2000")
    args = parser.parse_args(argv)
    docs = [policyfacts.extract_file(p) for p in sorted(Path(args.folder).rglob("*.txt"))]
    n = write_report(docs, args.output, title=args.title)
    print(f"{args.output}: {len(docs)} documents, {n} facts")
    if args.screenshot:
        screenshot(Path(args.output), Path(args.screenshot), args.window_size)
        print(f"{args.screenshot}: screenshot")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
