"""Tables for spreadsheets: one CSV writer, with the formula guard, for every CSV download.
Numbers are written the Dutch way (12,5; no thousands separator), text is guarded.

A cell that starts with '=', '+', '-', '@', a tab or a carriage return is run as a formula
by spreadsheet programs; it gets a leading apostrophe. Every cell is quoted as well, so that
a program that splits on ',' instead of ';' cannot find a formula in the middle of a cell
('x,=1+1').
"""

import csv
import io
from decimal import Decimal

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """Text a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_START) else text


def is_number(value):
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def cell(value):
    """One CSV cell: a number the Dutch way (decimal comma, no thousands separator, so that a
    Dutch spreadsheet reads it as a number), anything else as guarded text."""
    if is_number(value):
        return str(value).replace(".", ",")
    return safe(value)


def csv_text(header, rows):
    """A whole CSV file as text: a BOM (so that Excel reads UTF-8), ';' and quoted cells."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow([safe(title) for title in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return out.getvalue()
