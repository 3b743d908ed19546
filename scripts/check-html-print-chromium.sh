#!/usr/bin/env bash
# Prints the monthly HTML report of data-example/ (zh and en) to PDF with the real Chromium
# (headless) and checks the result with poppler's pdftotext and pdffonts:
#  - the Chinese text is there (and this machine has a CJK font to draw it: without one,
#    Chinese prints as boxes; Chromium embeds unnamed Type 3 fonts, so look at the PNG);
#  - every date of the report's tables (2012-04-20 …) appears whole on one line: the date
#    column does not wrap, in English either.
#
#   scripts/check-html-print-chromium.sh [PNG_DIR]   (from the project root, after npm run build)
#
# With PNG_DIR, also writes each PDF's first page as a PNG there (pdftoppm) to look at.
# Needs chromium (Debian: apt-get install chromium), poppler-utils and a CJK font
# (fonts-noto-cjk); skips with a message, exit 0, when chromium or poppler is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
png_dir=${1:-}
browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  echo "skipped: Chromium not found (Debian/Ubuntu: apt-get install chromium)"
  exit 0
fi
if ! command -v pdftotext >/dev/null; then
  echo "skipped: pdftotext/pdffonts not found (apt-get install poppler-utils)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "$("$browser" --version 2>/dev/null | head -1); $(pdftotext -v 2>&1 | head -1)"
failures=0
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
cjk_font=$(fc-match -f '%{family}' 'sans-serif:lang=zh-cn' 2>/dev/null || true)
if ! fc-list ':lang=zh-cn' 2>/dev/null | grep -q .; then
  fail "no font for Chinese on this machine: it prints as boxes (apt-get install fonts-noto-cjk)"
fi

for lang in zh en; do
  html="$work/monthly-$lang.html"
  pdf="$work/monthly-$lang.pdf"
  node "$root/bin/channel" report monthly --branch cmb-futian-center --month 2012-03 --as-of 2012-03-31 \
    --data "$root/data-example" --lang "$lang" --quiet --out "$html" 2>/dev/null
  # No network, no profile syncing, a throw-away profile: only the file is rendered.
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$work/profile" --no-pdf-header-footer \
    --print-to-pdf="$pdf" "file://$html" >/dev/null 2>&1
  [ -s "$pdf" ] || { fail "$lang: Chromium wrote no PDF"; continue; }
  text=$(pdftotext -layout "$pdf" -)

  for chinese in 招商银行深圳福田中心支行 长城证券 李娜; do
    grep -q "$chinese" <<<"$text" || fail "$lang: \"$chinese\" is not in the PDF's text"
  done
  if [ "$lang" = zh ]; then
    grep -q "下月工作安排" <<<"$text" || fail "zh: the heading 下月工作安排 is not in the PDF's text"
  fi

  # Every date the report shows as YYYY-MM-DD, from its HTML, must be whole in the PDF.
  dates=$(grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$html" | sort -u)
  [ -n "$dates" ] || fail "$lang: the report shows no date to check"
  for date in $dates; do
    grep -q -- "$date" <<<"$text" || fail "$lang: $date does not appear whole (it wraps?)"
  done
  if grep -Eq '[0-9]{4}-[0-9]{2}-$' <<<"$text"; then fail "$lang: a date is cut at the line's end"; fi
  echo "ok   $lang: $(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages/ {print $2}') page(s); Chinese text present (font for Chinese: $cjk_font); dates whole: $(tr '\n' ' ' <<<"$dates")"

  if [ -n "$png_dir" ]; then
    mkdir -p "$png_dir"
    pdftoppm -png -r 70 -f 1 -l 1 "$pdf" "$png_dir/monthly-$lang"
    echo "     first page: $(ls "$png_dir"/monthly-"$lang"*.png)"
  fi
done

# The internal version's title ends in （内部使用）/ (Internal use): it must print whole, never
# split over two lines (issue 25: 「（内部使」/「用）」).
for lang in zh en; do
  html="$work/internal-$lang.html"
  pdf="$work/internal-$lang.pdf"
  node "$root/bin/channel" report monthly --branch cmb-futian-center --month 2012-03 --as-of 2012-03-31 \
    --data "$root/data-example" --lang "$lang" --audience internal --quiet --out "$html" 2>/dev/null
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$work/profile" --no-pdf-header-footer \
    --print-to-pdf="$pdf" "file://$html" >/dev/null 2>&1
  [ -s "$pdf" ] || { fail "internal $lang: Chromium wrote no PDF"; continue; }
  text=$(pdftotext -layout "$pdf" -)
  mark=$([ "$lang" = zh ] && echo "（内部使用）" || echo "(Internal use)")
  grep -qF -- "$mark" <<<"$text" || fail "internal $lang: \"$mark\" does not print whole on one line"
  echo "ok   internal $lang: \"$mark\" whole in the title"
  if [ -n "$png_dir" ]; then
    pdftoppm -png -r 70 -f 1 -l 1 "$pdf" "$png_dir/internal-$lang"
  fi
done
exit $((failures > 0))
