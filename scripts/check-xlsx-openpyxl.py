#!/usr/bin/env python3
"""Open .xlsx files written by `channel export` with openpyxl and fail on any warning.

openpyxl (and pandas, which reads .xlsx through it) is stricter than Excel about a workbook's
styles part; this checks that our exports open there without complaint, and that money columns
hold numbers, not text.

    python3 scripts/check-xlsx-openpyxl.py FILE.xlsx [FILE.xlsx ...]

Exit 0 when every file opens cleanly, 1 on a warning or an error, 2 without openpyxl
(Debian/Ubuntu: `apt-get install python3-openpyxl`).
"""
import sys
import warnings

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed (Debian/Ubuntu: apt-get install python3-openpyxl)", file=sys.stderr)
    sys.exit(2)

# Headers of money columns say their unit: 月收入（元）, 奖励（元）, Award (yuan)...
MONEY_HEADER_MARKS = ("（元）", "(yuan)")


def check(path: str) -> list[str]:
    problems = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workbook = openpyxl.load_workbook(path)
    problems += [f"{path}: openpyxl warns: {w.message}" for w in caught]
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        money = [i for i, h in enumerate(header) if isinstance(h, str) and h.endswith(MONEY_HEADER_MARKS)]
        for number, row in enumerate(rows, start=2):
            for i in money:
                value = row[i] if i < len(row) else None
                if value is not None and not isinstance(value, (int, float)):
                    problems.append(f"{path}: row {number}, column {header[i]}: {value!r} is not a number")
    return problems


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = [p for path in paths for p in check(path)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"ok: {len(paths)} file(s) open in openpyxl {openpyxl.__version__} without warnings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
