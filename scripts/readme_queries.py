"""The README's SQL queries, run on the bundled plans: check their shown output, or --write it.

Each query in README.md sits between `<!-- query -->` and `<!-- /query -->`: a ```sql
block, then its output as a Markdown table. The database is `kehoach export data/raw`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(
    r"(?P<head><!-- query -->\n```sql\n(?P<sql>.*?)```\n)(?P<out>.*?)(?P<tail><!-- /query -->)",
    re.S,
)
WIDTH = 60  # characters of a text cell shown


def cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:g}"
    if isinstance(v, dt.date):
        return v.isoformat()
    text = " ".join(str(v).split())
    if len(text) > WIDTH:
        text = text[: WIDTH - 1].rstrip() + "…"
    return text.replace("|", "\\|")


def render(con: Any, sql: str) -> str:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in cur.fetchall()]
    return "\n" + "\n".join(lines) + "\n\n"


def updated(readme: str, con: Any) -> str:
    """The README with every query's output as the database gives it now."""
    return BLOCK.sub(lambda m: m["head"] + render(con, m["sql"]) + m["tail"], readme)


def export(db: Path, source: Path = ROOT / "data" / "raw") -> None:
    subprocess.run(
        [sys.executable, "-m", "kehoach", "export", str(source), "-o", str(db)],
        check=True,
        capture_output=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="rewrite the outputs in README.md")
    args = ap.parse_args()
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "plans.duckdb"
        export(db)
        with duckdb.connect(str(db), read_only=True) as con:
            text = README.read_text(encoding="utf-8")
            new = updated(text, con)
    if args.write:
        README.write_text(new, encoding="utf-8")
        print(f"{README.name}: {len(BLOCK.findall(new))} query outputs written")
        return
    if new != text:
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True)))
        sys.exit("README.md: query outputs are stale; run make readme")
    print(f"{README.name}: {len(BLOCK.findall(new))} query outputs as shown")


if __name__ == "__main__":
    main()
