"""`python -m pmcode.docgen OUTDIR`: write the reference pages (what `make docs` runs)."""

from __future__ import annotations

import sys
from pathlib import Path

from pmcode.docgen import write_pages


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m pmcode.docgen OUTDIR\n")
        return 2
    outdir = Path(argv[0])
    written = write_pages(outdir)
    sys.stderr.write(f"docgen: {len(written)} pages in {outdir}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
