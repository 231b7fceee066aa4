#!/usr/bin/env python3
"""Regenerates the README's settings table from the documented defaults (the single list of settings).

Usage: tools/settings-table.py   (rewrites the block between the settings markers in README.md)
"""
import pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
defaults = root / "schemas/src/main/resources/org/ruraledu/config/defaults.properties"
readme = root / "README.md"

rows, doc, section = [], [], None
for line in defaults.read_text(encoding="utf-8").splitlines():
    if line.startswith("## "):
        section, doc = line[3:].strip(), []
    elif line.startswith("#"):
        doc.append(line.lstrip("# ").strip())
    elif "=" in line:
        key, value = line.split("=", 1)
        env = "RURALEDU_" + re.sub(r"[.-]", "_", key.strip()).upper()
        rows.append((section, key.strip(), value.strip(), env, " ".join(doc)))
        doc = []
    else:
        doc = []

out, last = [], None
for section, key, value, env, text in rows:
    if section != last:
        out += ["", f"**{section}**", "", "| setting | default | environment | meaning |", "|---|---|---|---|"]
        last = section
    out.append(f"| `{key}` | `{value}` | `{env}` | {text.replace('|', '/')} |")
table = "\n".join(out).strip() + "\n"

text = readme.read_text(encoding="utf-8")
start, end = "<!-- settings:start -->", "<!-- settings:end -->"
before, rest = text.split(start, 1)
_, after = rest.split(end, 1)
readme.write_text(before + start + "\n" + table + end + after, encoding="utf-8")
print(f"{len(rows)} settings written to README.md")
