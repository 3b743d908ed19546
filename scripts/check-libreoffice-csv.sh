#!/usr/bin/env bash
# Opens channel's exports of data-example/ in the real LibreOffice Calc (headless) and checks
# that Chinese text, money amounts and phone numbers survive:
#
#  1. each CSV export (staff, prospects, followups, bonus) imported the way
#     docs/import-export.md tells users to (character set UTF-8, separator comma, phone/id/code
#     columns as Text) and saved as .xlsx must hold, cell for cell, what channel's own .xlsx
#     export holds: the same text, the same numbers (money as numbers of yuan);
#  2. each .xlsx export opened by LibreOffice and saved as CSV (UTF-8, comma) must have the
#     same headers and names, and money columns that read as the same numbers.
#
#   scripts/check-libreoffice-csv.sh          (from the project root, after npm run build)
#
# Needs soffice (Debian/Ubuntu: apt-get install --no-install-recommends libreoffice-calc-nogui)
# and Python with openpyxl (apt-get install python3-openpyxl); skips with a message, exit 0,
# when either is missing. Exit 1 when a check fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
  echo "skipped: LibreOffice not found (Debian/Ubuntu: apt-get install --no-install-recommends libreoffice-calc-nogui)"
  exit 0
fi
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c "import openpyxl" 2>/dev/null; then python=$candidate; break; fi
done
if [ -z "$python" ]; then
  echo "skipped: no Python with openpyxl (Debian/Ubuntu: apt-get install python3-openpyxl)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/from-csv" "$work/from-xlsx"
# A profile of its own: never the user's, and no clash with a LibreOffice already open.
profile="-env:UserInstallation=file://$work/profile"
echo "$("$soffice" --version | head -1)"

kinds=(staff prospects followups bonus)
for kind in "${kinds[@]}"; do
  for ext in csv xlsx; do
    node "$root/bin/channel" export "$kind" --data "$root/data-example" --as-of 2012-03-20 --lang zh \
      --quiet --out "$work/$kind.$ext"
  done
  # The import dialog's choices as filter options: comma (44), double quote (34), UTF-8 (76),
  # from line 1, then column/type pairs: 2 = Text for phones, ids and codes (as the docs say).
  columns=$("$python" - "$work/$kind.csv" <<'PY'
import csv, re, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    header = next(csv.reader(f))
print("/".join(f"{i + 1}/2" for i, h in enumerate(header) if re.search(r"电话|标识|代码|QQ|微信", h)))
PY
)
  "$soffice" --headless "$profile" --infilter="CSV:44,34,76,1,$columns" --convert-to xlsx \
    --outdir "$work/from-csv" "$work/$kind.csv" 2>&1 | grep -v -e javaldx -e "^convert " >&2 || true
  "$soffice" --headless "$profile" --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" \
    --outdir "$work/from-xlsx" "$work/$kind.xlsx" 2>&1 | grep -v -e javaldx -e '^convert ' >&2 || true
done

"$python" - "$work" "${kinds[@]}" <<'PY'
import csv, datetime, sys, warnings
import openpyxl

work, kinds = sys.argv[1], sys.argv[2:]
failures = []

def sheet_rows(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [list(r) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]

def same(ours, theirs):
    """Whether LibreOffice's cell is channel's: text as text, numbers as equal numbers."""
    if ours is None or ours == "":
        return theirs is None or theirs == ""
    if isinstance(ours, bool):
        return theirs == ours
    if isinstance(ours, (int, float)):
        return isinstance(theirs, (int, float)) and not isinstance(theirs, bool) and abs(ours - theirs) < 1e-9
    if isinstance(ours, datetime.datetime):
        # A CSV holds the time as text; Calc's import recognises it as a date and time.
        return isinstance(theirs, datetime.datetime) and theirs == ours or str(theirs).startswith(ours.strftime("%Y-%m-%d"))
    if isinstance(ours, str) and ours[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
        # Text a spreadsheet would run as a formula gets a leading ' in CSV (docs/reports.md).
        return theirs == "'" + ours
    return isinstance(theirs, str) and theirs == ours

for kind in kinds:
    ours = sheet_rows(f"{work}/{kind}.xlsx")
    header = ours[0]
    money = [i for i, h in enumerate(header) if "（元）" in str(h)]
    # 1. The CSV as Calc imports it.
    theirs = sheet_rows(f"{work}/from-csv/{kind}.xlsx")
    bad = []
    if len(theirs) != len(ours):
        bad.append(f"{len(theirs)} rows, not {len(ours)}")
    for r, (row, other) in enumerate(zip(ours, theirs)):
        other = other + [None] * (len(row) - len(other))
        for c, value in enumerate(row):
            if not same(value, other[c]):
                bad.append(f"row {r + 1} {header[c]}: {value!r} became {other[c]!r}")
    chinese = sum(1 for row in theirs for v in row if isinstance(v, str) and any("\u4e00" <= ch <= "\u9fff" for ch in v))
    numbers = sum(1 for row in theirs[1:] for i in money if isinstance(row[i] if i < len(row) else None, (int, float)))
    if bad:
        failures.append(f"{kind}.csv in Calc: " + "; ".join(bad[:5]) + (f" (+{len(bad) - 5} more)" if len(bad) > 5 else ""))
    else:
        print(f"ok   {kind}.csv imported by Calc (UTF-8, comma): {len(theirs)} rows equal to {kind}.xlsx; "
              f"{chinese} cells with Chinese, {numbers} money cells as numbers")
    # 2. The .xlsx as Calc opens it, saved as CSV.
    with open(f"{work}/from-xlsx/{kind}.csv", encoding="utf-8-sig", newline="") as f:
        saved = list(csv.reader(f))
    bad = []
    if saved[0] != [str(h) for h in header]:
        bad.append(f"headers {saved[0][:4]}… not {header[:4]}…")
    for r, (row, other) in enumerate(zip(ours[1:], saved[1:]), start=2):
        for c, value in enumerate(row):
            text = other[c] if c < len(other) else ""
            if c in money:
                if value is None:
                    if text != "":
                        bad.append(f"row {r} {header[c]}: blank became {text!r}")
                elif float(text.replace(",", "")) != value:
                    bad.append(f"row {r} {header[c]}: {value!r} saved as {text!r}")
            elif isinstance(value, str) and text != value:
                bad.append(f"row {r} {header[c]}: {value!r} saved as {text!r}")
    if bad:
        failures.append(f"{kind}.xlsx in Calc: " + "; ".join(bad[:5]))
    else:
        print(f"ok   {kind}.xlsx opened by Calc and saved as CSV: headers, text and {len(money)} money column(s) unchanged")

for f in failures:
    print("FAIL " + f, file=sys.stderr)
sys.exit(1 if failures else 0)
PY
