"""Fill translations into a .po file from a Python dict file: fill.py PO DICT.py
DICT.py defines T = {msgid or (context, msgid): str or tuple-of-forms}."""
import sys, runpy
from babel.messages.pofile import read_po, write_po
po, dct = sys.argv[1], sys.argv[2]
T = runpy.run_path(dct)["T"]
with open(po, "rb") as f:
    cat = read_po(f, locale="fr")
n = 0
for m in cat:
    if not m.id:
        continue
    key = m.id[0] if isinstance(m.id, tuple) else m.id
    val = T.get((m.context, key)) if m.context else T.get(key)
    if val is None and m.context is None:
        continue
    if val is not None:
        m.string = val; n += 1
with open(po, "wb") as f:
    write_po(f, cat, width=0, sort_output=True, include_lineno=False)
print(n, "filled")
