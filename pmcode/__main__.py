from __future__ import annotations

from pmcode.cli import main

if __name__ == "__main__":
    main()
